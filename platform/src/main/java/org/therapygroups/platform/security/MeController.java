package org.therapygroups.platform.security;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the caller is, as this service understands the token, at
 * {@code <therapy.api.base-path>/me}.
 */
@RestController
@ConditionalOnProperty("therapy.api.base-path")
class MeController {

	@GetMapping("${therapy.api.base-path}/me")
	@Operation(operationId = "me", summary = "Who the caller is, as this service reads the token")
	Me me(JwtAuthenticationToken authentication) {
		return Me.of(authentication);
	}

	record Me(String subject, String username, List<String> roles) {

		static Me of(JwtAuthenticationToken authentication) {
			List<String> roles = authentication.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.filter((authority) -> authority.startsWith("ROLE_"))
				.map((authority) -> authority.substring("ROLE_".length()))
				.sorted()
				.toList();
			return new Me(authentication.getToken().getSubject(),
					authentication.getToken().getClaimAsString("preferred_username"), roles);
		}

	}

}

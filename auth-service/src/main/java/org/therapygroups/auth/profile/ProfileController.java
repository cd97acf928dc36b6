package org.therapygroups.auth.profile;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.auth.names.PersonNames;

/**
 * The caller's own display name and contact preferences, see {@link ProfileView} and
 * {@link ProfileUpdate}.
 */
@RestController
class ProfileController {

	private static final String ROLE_PREFIX = "ROLE_";

	private final ProfileView view;

	private final ProfileUpdate update;

	ProfileController(ProfileView view, ProfileUpdate update) {
		this.view = view;
		this.update = update;
	}

	@GetMapping("/api/auth/me/profile")
	@Operation(operationId = "getOwnProfile", summary = "The caller's own display name and contact preferences")
	Profile get(JwtAuthenticationToken caller) {
		return this.view.get(signedIn(caller));
	}

	@PutMapping("/api/auth/me/profile")
	@Operation(operationId = "updateOwnProfile",
			summary = "Change the caller's own display name and contact preferences")
	Profile update(@Valid @RequestBody ProfileRequest request, JwtAuthenticationToken caller) {
		return this.update.update(signedIn(caller), request.displayName(), request.contactPreferences());
	}

	private static SignedInUser signedIn(JwtAuthenticationToken caller) {
		Set<String> roles = caller.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority.startsWith(ROLE_PREFIX))
			.map((authority) -> authority.substring(ROLE_PREFIX.length()))
			.collect(Collectors.toSet());
		Jwt token = caller.getToken();
		return new SignedInUser(token.getSubject(), token.getClaimAsString("preferred_username"),
				token.getClaimAsString("name"), roles);
	}

	record ProfileRequest(
			@NotBlank @Size(max = 100) @Pattern(regexp = PersonNames.PATTERN,
					message = PersonNames.MESSAGE) String displayName,
			@NotNull @Valid ContactPreferences contactPreferences) {

	}

}

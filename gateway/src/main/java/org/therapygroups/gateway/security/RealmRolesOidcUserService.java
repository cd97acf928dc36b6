package org.therapygroups.gateway.security;

import java.util.Collection;

import reactor.core.publisher.Mono;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * A signed-in browser user gets the realm roles of their access token, checked by the
 * same decoder as every bearer request (signature, issuer, audience). A session whose
 * token the services would refuse is never opened.
 */
final class RealmRolesOidcUserService implements ReactiveOAuth2UserService<OidcUserRequest, OidcUser> {

	private final OidcReactiveOAuth2UserService delegate = new OidcReactiveOAuth2UserService();

	private final ReactiveJwtDecoder accessTokens;

	private final Converter<Jwt, Collection<GrantedAuthority>> roles;

	RealmRolesOidcUserService(ReactiveJwtDecoder accessTokens, Converter<Jwt, Collection<GrantedAuthority>> roles) {
		this.accessTokens = accessTokens;
		this.roles = roles;
	}

	@Override
	public Mono<OidcUser> loadUser(OidcUserRequest request) {
		return this.delegate.loadUser(request)
			.flatMap((user) -> this.accessTokens.decode(request.getAccessToken().getTokenValue())
				.onErrorMap(JwtException.class,
						(ex) -> new OAuth2AuthenticationException(
								new OAuth2Error("invalid_token", "The access token was refused", null), ex))
				.map((jwt) -> new DefaultOidcUser(this.roles.convert(jwt), user.getIdToken(), user.getUserInfo(),
						"preferred_username")));
	}

}

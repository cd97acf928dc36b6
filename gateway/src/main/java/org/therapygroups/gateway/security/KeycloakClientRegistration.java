package org.therapygroups.gateway.security;

import java.util.Map;

import org.therapygroups.gateway.web.WebAppProperties;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;

/**
 * The web app's Keycloak client, built from explicit endpoints rather than discovered at
 * start, so the gateway starts while Keycloak is still booting (as its token checks do).
 */
final class KeycloakClientRegistration {

	static final String REGISTRATION_ID = "keycloak";

	private KeycloakClientRegistration() {
	}

	/**
	 * @param issuerUri the issuer tokens carry; the browser is sent to its public address
	 * @param jwkSetUri where the ID token's keys are fetched
	 */
	static ClientRegistration of(WebAppProperties web, String issuerUri, String jwkSetUri) {
		String openid = issuerUri + "/protocol/openid-connect";
		return ClientRegistration.withRegistrationId(REGISTRATION_ID)
			.clientId(web.clientId())
			.clientSecret(web.clientSecret())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.scope("openid", "profile", "email")
			.authorizationUri(openid + "/auth")
			.tokenUri(web.tokenUri().toString())
			.jwkSetUri(jwkSetUri)
			.issuerUri(issuerUri)
			.userNameAttributeName(IdTokenClaimNames.SUB)
			.providerConfigurationMetadata(Map.of("end_session_endpoint", openid + "/logout"))
			.clientName("Keycloak")
			.build();
	}

}

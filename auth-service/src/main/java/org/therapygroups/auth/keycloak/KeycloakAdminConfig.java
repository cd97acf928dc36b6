package org.therapygroups.auth.keycloak;

import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeycloakAdminProperties.class)
class KeycloakAdminConfig {

	/**
	 * Client-credentials grant: the token is fetched lazily and renewed by the client.
	 */
	@Bean(destroyMethod = "close")
	Keycloak keycloak(KeycloakAdminProperties properties) {
		return KeycloakBuilder.builder()
			.serverUrl(properties.serverUrl())
			.realm(properties.realm())
			.grantType(OAuth2Constants.CLIENT_CREDENTIALS)
			.clientId(properties.clientId())
			.clientSecret(properties.clientSecret())
			.build();
	}

	@Bean
	RealmResource therapyRealm(Keycloak keycloak, KeycloakAdminProperties properties) {
		return keycloak.realm(properties.realm());
	}

}

package org.therapygroups.auth.keycloak;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The auth-service client whose service account manages users; never an admin's password.
 */
@ConfigurationProperties("therapy.keycloak")
public record KeycloakAdminProperties(String serverUrl, String realm, String clientId, String clientSecret) {

}

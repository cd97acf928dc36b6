package org.therapygroups.auth.security;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where tokens come from and what they must say. The JWKS address is configured apart
 * from the issuer so the service can start while Keycloak is still starting.
 */
@ConfigurationProperties("therapy.security")
public record SecurityProperties(String issuerUri, URI jwkSetUri, String audience, Duration clockSkew) {

}

package org.therapygroups.platform.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where tokens come from and what they must say. The JWKS address is configured apart
 * from the issuer so the service can start while Keycloak is still starting.
 *
 * @param issuerUri the {@code iss} every token must carry
 * @param jwkSetUri where the signing keys are fetched
 * @param audience the {@code aud} every token must contain
 * @param clockSkew how far token times may be off
 * @param publicPaths paths that need no token, besides health, API documents and the
 * error page
 * @param actorRoles the realm roles of which a caller of an endpoint taking an
 * {@link Actor} must hold one (empty: any authenticated caller)
 */
@ConfigurationProperties("therapy.security")
public record SecurityProperties(String issuerUri, URI jwkSetUri, String audience,
		@DefaultValue("10s") Duration clockSkew, @DefaultValue List<String> publicPaths,
		@DefaultValue List<String> actorRoles) {

}

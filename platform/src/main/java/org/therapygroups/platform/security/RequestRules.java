package org.therapygroups.platform.security;

import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own path rules, applied by the kit's filter chain after the public paths
 * and before "everything else needs a token": e.g. refusing a role before the body is
 * read, or letting a WebSocket handshake through that authenticates itself.
 */
@FunctionalInterface
public interface RequestRules {

	void apply(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry requests);

}

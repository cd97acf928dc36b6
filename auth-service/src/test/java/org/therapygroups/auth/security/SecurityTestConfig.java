package org.therapygroups.auth.security;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** The service's real security rules, for web slice tests. */
@TestConfiguration(proxyBeanMethods = false)
@Import({ SecurityConfig.class, ProblemResponses.class })
public class SecurityTestConfig {

}

package org.therapygroups.auth.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpMethod;

import org.therapygroups.platform.security.DeactivatedAccounts;
import org.therapygroups.platform.security.RequestRules;

/**
 * What auth-service adds to the kit's resource-server security: staff and invitation
 * paths refused by role before the body is even read (the methods check again), and a
 * deactivated account known from this service's own accounts.
 */
@Configuration(proxyBeanMethods = false)
class AuthRules {

	@Bean
	RequestRules staffAndInvitationPaths() {
		return (requests) -> requests.requestMatchers(HttpMethod.POST, "/api/auth/staff")
			.hasRole("director")
			.requestMatchers("/api/auth/invitations", "/api/auth/invitations/**")
			.hasAnyRole("therapist", "director");
	}

	/** One look-up by id in the service's own accounts. */
	@Bean
	DeactivatedAccounts deactivatedAccounts(MongoTemplate mongo) {
		return (userId) -> mongo.exists(Query.query(Criteria.where("_id").is(userId).and("status").is("DEACTIVATED")),
				"accounts");
	}

}

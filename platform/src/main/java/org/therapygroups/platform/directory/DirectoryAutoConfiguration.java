package org.therapygroups.platform.directory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import org.therapygroups.platform.security.DeactivatedAccounts;

/**
 * The identity directory read model, for a service that needs to know users without
 * asking Keycloak or auth-service at request time: {@code directory_users} kept from
 * {@code identity.events}, read through {@link Directory}; a deactivated account's tokens
 * are refused from it. Opt-in with {@code therapy.directory.enabled=true}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty("therapy.directory.enabled")
public class DirectoryAutoConfiguration {

	@Bean
	Directory directory(MongoTemplate mongo) {
		return new Directory(mongo);
	}

	@Bean
	DirectoryProjection directoryProjection(MongoTemplate mongo) {
		return new DirectoryProjection(mongo);
	}

	@Bean
	IdentityEventsListener identityEventsListener(MongoTemplate mongo, DirectoryProjection projection,
			@Value(IdentityEventsListener.CONSUMER_NAME) String consumerName) {
		return new IdentityEventsListener(mongo, projection, consumerName);
	}

	/** One look-up by id in the directory. */
	@Bean
	@ConditionalOnMissingBean
	DeactivatedAccounts deactivatedAccounts(MongoTemplate mongo) {
		return (userId) -> mongo.exists(
				Query.query(Criteria.where("_id").is(userId).and(DirectoryUser.ACTIVE).is(false)),
				DirectoryUser.COLLECTION);
	}

}

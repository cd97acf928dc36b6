package org.therapygroups.gateway.ratelimit;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * Token-bucket limits per authenticated user and per client address.
 *
 * @param perUser bucket per JWT {@code sub}
 * @param perIp bucket per client address
 * @param maxKeys the most buckets one limiter keeps; beyond it the least recently used go
 * @param trustedProxies addresses or CIDR ranges whose {@code X-Forwarded-For} is
 * believed; empty means the connection's remote address is the client
 */
@ConfigurationProperties("therapy.gateway.rate-limit")
record RateLimitProperties(Limit perUser, Limit perIp, @DefaultValue("100000") int maxKeys,
		@DefaultValue List<String> trustedProxies) {

	RateLimitProperties {
		Assert.notNull(perUser, "therapy.gateway.rate-limit.per-user must be set");
		Assert.notNull(perIp, "therapy.gateway.rate-limit.per-ip must be set");
		Assert.isTrue(maxKeys > 0, "therapy.gateway.rate-limit.max-keys must be positive");
	}

	/**
	 * @param capacity the burst: requests allowed at once by a full bucket
	 * @param refillPerSecond the sustained rate
	 */
	record Limit(long capacity, double refillPerSecond) {

		Limit {
			Assert.isTrue(capacity > 0, "rate limit capacity must be positive");
			Assert.isTrue(refillPerSecond > 0, "rate limit refill-per-second must be positive");
		}

	}

}

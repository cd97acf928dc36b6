package org.therapygroups.gateway.body;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize the largest request body forwarded to a service; JSON bodies are
 * buffered up to this size to be checked
 */
@ConfigurationProperties("therapy.gateway")
record RequestBodyProperties(DataSize maxBodySize) {

	RequestBodyProperties {
		Assert.isTrue(maxBodySize != null && maxBodySize.toBytes() > 0 && maxBodySize.toBytes() <= Integer.MAX_VALUE,
				"therapy.gateway.max-body-size must be 1B..2GB");
	}

}

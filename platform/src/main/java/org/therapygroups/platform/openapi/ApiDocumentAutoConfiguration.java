package org.therapygroups.platform.openapi;

import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import org.therapygroups.platform.security.Actor;
import org.therapygroups.platform.security.SecurityProperties;

/**
 * One shape for every service's OpenAPI document, so that a client (and Swagger UI behind
 * the gateway) can use it: see {@link ApiDocument}. The caller's {@link Actor} is
 * resolved from the token, never sent, so it is no parameter; Jackson's tree type is
 * described as any JSON value rather than as the Java class. A service's own
 * {@link ApiDocument} bean replaces the kit's;
 * {@code therapy.platform.openapi.enabled=false} turns it off.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnBooleanProperty(name = "therapy.platform.openapi.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ApiDocumentProperties.class)
public class ApiDocumentAutoConfiguration {

	static {
		SpringDocUtils.getConfig()
			.addRequestWrapperToIgnore(Actor.class)
			.replaceWithSchema(JsonNode.class, new Schema<>().description("Any JSON value."));
	}

	@Bean
	@ConditionalOnMissingBean
	ApiDocument apiDocument(ApiDocumentProperties properties, ObjectProvider<SecurityProperties> security,
			Environment environment) {
		return new ApiDocument(properties, security.getIfAvailable(), environment);
	}

}

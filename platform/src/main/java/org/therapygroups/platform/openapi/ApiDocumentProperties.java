package org.therapygroups.platform.openapi;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a service's OpenAPI document says about itself.
 *
 * @param serverUrl where clients call the API: the gateway's public base URL. Left out,
 * the {@code PUBLIC_BASE_URL} the services already get for links handed to users, else
 * {@code http://127.0.0.1:8080}
 * @param title the document's title; left out, derived from
 * {@code spring.application.name}
 * @param description the document's description; left out, a sentence on the gateway,
 * tokens and problem JSON
 * @param version the version of the API the document describes; left out, {@code 1}
 */
@ConfigurationProperties("therapy.openapi")
public record ApiDocumentProperties(String serverUrl, String title, String description, String version) {

}

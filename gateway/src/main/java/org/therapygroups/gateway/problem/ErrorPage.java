package org.therapygroups.gateway.problem;

import java.nio.charset.StandardCharsets;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A person who opened a page gets a page: a plain sentence and what to do next, never
 * JSON or a stack trace. Only pages are answered this way; the API, the live connection
 * and the documents keep problem+json. The text is fixed per status, so nothing from the
 * request is echoed.
 */
final class ErrorPage {

	private static final List<PathPattern> MACHINES = List.of(PathPatternParser.defaultInstance.parse("/api/**"),
			PathPatternParser.defaultInstance.parse("/ws/**"), PathPatternParser.defaultInstance.parse("/actuator/**"),
			PathPatternParser.defaultInstance.parse("/v3/**"), PathPatternParser.defaultInstance.parse("/assets/**"),
			PathPatternParser.defaultInstance.parse("/webjars/**"));

	private ErrorPage() {
	}

	static boolean wanted(ServerWebExchange exchange) {
		PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
		if (MACHINES.stream().anyMatch((pattern) -> pattern.matches(path))) {
			return false;
		}
		HttpMethod method = exchange.getRequest().getMethod();
		if (method != HttpMethod.GET && method != HttpMethod.POST) {
			return false;
		}
		return exchange.getRequest()
			.getHeaders()
			.getAccept()
			.stream()
			.anyMatch((type) -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
	}

	static Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
		response.getHeaders().remove("Content-Length");
		String[] text = text(status.value());
		String html = """
				<!DOCTYPE html>
				<html lang="en">
				<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
				<title>%s · Group therapy</title><link rel="stylesheet" href="/assets/app.css"></head>
				<body><header class="site-header"><div class="bar"><a class="brand" href="/">Group therapy</a></div></header>
				<main id="main"><h1>%s</h1><p>%s</p><p><a href="/">Go to your home page</a></p></main></body>
				</html>
				"""
			.formatted(text[0], text[0], text[1]);
		DataBuffer buffer = response.bufferFactory().wrap(html.getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(buffer));
	}

	private static String[] text(int status) {
		return switch (status) {
			case 404 -> new String[] { "Page not found",
					"There is no page at this address. It may have moved, or the link was mistyped." };
			case 403 -> new String[] { "Not allowed", "Your account is not allowed to open this page." };
			case 429 -> new String[] { "Too many requests",
					"Too many requests came from you in a short time. Wait half a minute, then try again." };
			case 503, 502, 504 -> new String[] { "Not available right now",
					"This part of the service is not available at the moment, and nothing was changed. Try again in a minute." };
			default -> (status >= 500) ? new String[] { "Something went wrong",
					"The app could not finish this. Nothing was changed. Try again; if it keeps happening, tell your program's front desk." }
					: new String[] { "This did not work", "The request could not be handled. Go back and try again." };
		};
	}

}

package org.therapygroups.gateway.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes RFC 9457 {@code application/problem+json} bodies, the single error format of the
 * gateway.
 */
@Component
public class ProblemResponseWriter {

	private final JsonMapper jsonMapper;

	ProblemResponseWriter(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Sets status and content type and writes the body; headers the caller set before
	 * stay.
	 */
	public Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String detail) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getHeaders().remove("Content-Length");
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", title(status));
		problem.put("status", status.value());
		problem.put("detail", detail);
		// The path only: query strings can carry secrets such as calendar feed tokens.
		problem.put("instance", exchange.getRequest().getPath().value());
		DataBuffer buffer = response.bufferFactory().wrap(this.jsonMapper.writeValueAsBytes(problem));
		return response.writeWith(Mono.just(buffer));
	}

	private static String title(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? known.getReasonPhrase() : "Error " + status.value();
	}

}

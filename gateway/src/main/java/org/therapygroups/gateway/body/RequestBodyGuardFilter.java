package org.therapygroups.gateway.body;

import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.therapygroups.gateway.problem.ProblemException;

/**
 * Guards request bodies on their way to a service: rejects bodies over the limit (by
 * Content-Length, and by counting bytes for chunked bodies) and JSON that is not well
 * formed. JSON is buffered up to the limit, checked, then forwarded byte for byte; other
 * bodies stream through.
 */
@Component
@EnableConfigurationProperties(RequestBodyProperties.class)
class RequestBodyGuardFilter implements GlobalFilter, Ordered {

	private static final byte[] NO_BODY = new byte[0];

	private final int maxBytes;

	RequestBodyGuardFilter(RequestBodyProperties properties) {
		this.maxBytes = (int) properties.maxBodySize().toBytes();
	}

	@Override
	public int getOrder() {
		// Well before NettyRoutingFilter, which sends the body.
		return -10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (request.getHeaders().getContentLength() > this.maxBytes) {
			return Mono.error(tooLarge());
		}
		if (isJson(request.getHeaders().getContentType())) {
			return checkedJson(exchange, chain);
		}
		return chain.filter(exchange.mutate().request(new CountingRequest(request, this.maxBytes)).build());
	}

	private Mono<Void> checkedJson(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		return DataBufferUtils.join(request.getBody(), this.maxBytes)
			.onErrorMap(DataBufferLimitException.class, (ex) -> tooLarge())
			.map(JsonBodyRequest::copyAndRelease)
			.defaultIfEmpty(NO_BODY)
			.flatMap((body) -> {
				// A GET with a JSON content type has no body to check.
				String error = (body.length > 0) ? JsonSyntax.firstError(body) : null;
				if (error != null) {
					return Mono.error(new ProblemException(HttpStatus.BAD_REQUEST, error));
				}
				// The original body can be read only once: replay even an empty one.
				JsonBodyRequest replay = new JsonBodyRequest(request, body, exchange.getResponse().bufferFactory());
				return chain.filter(exchange.mutate().request(replay).build());
			});
	}

	private static boolean isJson(MediaType contentType) {
		return contentType != null && "application".equals(contentType.getType())
				&& ("json".equals(contentType.getSubtype()) || contentType.getSubtype().endsWith("+json"));
	}

	private ProblemException tooLarge() {
		return new ProblemException(HttpStatus.CONTENT_TOO_LARGE,
				"The request body exceeds the limit of " + this.maxBytes + " bytes.");
	}

	/** Replays a checked JSON body that has already been read into memory. */
	private static final class JsonBodyRequest extends ServerHttpRequestDecorator {

		private final byte[] body;

		private final DataBufferFactory bufferFactory;

		JsonBodyRequest(ServerHttpRequest delegate, byte[] body, DataBufferFactory bufferFactory) {
			super(delegate);
			this.body = body;
			this.bufferFactory = bufferFactory;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			// A fresh wrapper of the heap copy per subscriber: nothing pooled can leak.
			return (this.body.length == 0) ? Flux.empty()
					: Flux.defer(() -> Flux.just(this.bufferFactory.wrap(this.body)));
		}

		static byte[] copyAndRelease(DataBuffer buffer) {
			try {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				return bytes;
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}

	}

	/** Fails the body stream once more than the limit has gone by. */
	private final class CountingRequest extends ServerHttpRequestDecorator {

		private final long limit;

		CountingRequest(ServerHttpRequest delegate, long limit) {
			super(delegate);
			this.limit = limit;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			AtomicLong seen = new AtomicLong();
			return super.getBody().handle((buffer, sink) -> {
				if (seen.addAndGet(buffer.readableByteCount()) > this.limit) {
					DataBufferUtils.release(buffer);
					sink.error(tooLarge());
				}
				else {
					sink.next(buffer);
				}
			});
		}

	}

}

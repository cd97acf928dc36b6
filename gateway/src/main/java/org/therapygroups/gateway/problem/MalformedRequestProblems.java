package org.therapygroups.gateway.problem;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.NettyPipeline;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * Requests that never reach WebFlux: a request line or headers over Netty's limits, bytes
 * that are not HTTP, or a URL that is not a URI (which the framework would answer with an
 * empty 400). Answered here, right behind the HTTP decoder, with problem JSON (414, 431
 * or 400), and the connection is closed since the rest of the stream cannot be trusted.
 */
@Component
class MalformedRequestProblems implements NettyServerCustomizer {

	private static final String HANDLER = "therapy.malformedRequestProblems";

	@Override
	public reactor.netty.http.server.HttpServer apply(reactor.netty.http.server.HttpServer server) {
		return server.doOnChannelInit((observer, channel, address) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null && channel.pipeline().get(HANDLER) == null) {
				channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER, new Guard());
			}
		});
	}

	static HttpResponseStatus statusFor(DecoderResult result) {
		Throwable cause = result.cause();
		if (cause instanceof TooLongHttpLineException) {
			return HttpResponseStatus.REQUEST_URI_TOO_LONG;
		}
		if (cause instanceof TooLongHttpHeaderException) {
			return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
		}
		if (cause instanceof TooLongFrameException) {
			return HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
		}
		return HttpResponseStatus.BAD_REQUEST;
	}

	static String detailFor(HttpResponseStatus status) {
		return switch (status.code()) {
			case 414 -> "The request URL is too long.";
			case 431 -> "The request headers are too large.";
			case 413 -> "The request is too large.";
			default -> "The request is not valid HTTP or its URL is malformed.";
		};
	}

	private static boolean isUri(String uri) {
		try {
			new URI(uri);
			return true;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/** One per connection; after a refusal everything else on it is dropped. */
	static final class Guard extends ChannelInboundHandlerAdapter {

		private volatile boolean refused;

		@Override
		public void channelRead(ChannelHandlerContext context, Object message) {
			if (this.refused && message instanceof HttpContent) {
				ReferenceCountUtil.release(message);
				return;
			}
			if (message instanceof HttpRequest request) {
				HttpResponseStatus status = null;
				if (request.decoderResult().isFailure()) {
					status = statusFor(request.decoderResult());
				}
				else if (!isUri(request.uri())) {
					status = HttpResponseStatus.BAD_REQUEST;
				}
				if (status != null) {
					this.refused = true;
					ReferenceCountUtil.release(message);
					refuse(context, status);
					return;
				}
			}
			context.fireChannelRead(message);
		}

		private static void refuse(ChannelHandlerContext context, HttpResponseStatus status) {
			byte[] body = ("{\"type\":\"about:blank\",\"title\":\"" + status.reasonPhrase() + "\",\"status\":"
					+ status.code() + ",\"detail\":\"" + detailFor(status) + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
					Unpooled.wrappedBuffer(body));
			response.headers()
				.set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
				.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
				.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
			context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
		}

	}

}

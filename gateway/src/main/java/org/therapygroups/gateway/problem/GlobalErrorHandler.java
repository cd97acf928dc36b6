package org.therapygroups.gateway.problem;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Turns every error into a problem response. Ordered ahead of Boot's
 * {@code DefaultErrorWebExceptionHandler} (-1) so its JSON and stack traces never reach a
 * client.
 */
@Component
@Order(-2)
class GlobalErrorHandler implements WebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(GlobalErrorHandler.class);

	private final ProblemResponseWriter writer;

	GlobalErrorHandler(ProblemResponseWriter writer) {
		this.writer = writer;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			// Too late for a problem body; let the server abort the connection.
			return Mono.error(ex);
		}
		Problem problem = toProblem(ex);
		logProblem(exchange, problem, ex);
		HttpHeaders headers = exchange.getResponse().getHeaders();
		// Drop anything a half-finished upstream exchange left behind.
		headers.clear();
		headers.addAll(problem.headers());
		if (ErrorPage.wanted(exchange)) {
			return ErrorPage.write(exchange, problem.status());
		}
		return this.writer.write(exchange, problem.status(), problem.detail());
	}

	private static Problem toProblem(Throwable ex) {
		if (ex instanceof ProblemException pe) {
			return new Problem(pe.getStatusCode(), pe.getReason(), pe.getHeaders());
		}
		if (ex instanceof ErrorResponse er) {
			// Keeps headers such as Allow on 405.
			return new Problem(er.getStatusCode(), defaultDetail(er.getStatusCode()), er.getHeaders());
		}
		if (ex instanceof DataBufferLimitException) {
			return Problem.of(HttpStatus.CONTENT_TOO_LARGE);
		}
		if (ex instanceof InvalidMediaTypeException) {
			return new Problem(HttpStatus.BAD_REQUEST, "A media type header of the request is not valid.",
					HttpHeaders.EMPTY);
		}
		if (ex instanceof AuthenticationServiceException) {
			// The identity provider's keys could not be fetched: not the caller's fault.
			return new Problem(HttpStatus.SERVICE_UNAVAILABLE, "Authentication is temporarily unavailable.",
					retryAfter());
		}
		if (ex instanceof ConnectException || ex instanceof UnknownHostException
				|| ex instanceof NoRouteToHostException) {
			return new Problem(HttpStatus.SERVICE_UNAVAILABLE, defaultDetail(HttpStatus.SERVICE_UNAVAILABLE),
					retryAfter());
		}
		if (ex instanceof DataAccessResourceFailureException || ex instanceof MongoTimeoutException
				|| ex instanceof MongoSocketException) {
			// the store of browser sessions is away; requests with a bearer token never
			// touch it
			return new Problem(HttpStatus.SERVICE_UNAVAILABLE,
					"Signing in is not available right now. Try again in a minute.", retryAfter());
		}
		if (ex instanceof TimeoutException) {
			return Problem.of(HttpStatus.GATEWAY_TIMEOUT);
		}
		if (ex instanceof PrematureCloseException) {
			return Problem.of(HttpStatus.BAD_GATEWAY);
		}
		return Problem.of(HttpStatus.INTERNAL_SERVER_ERROR);
	}

	/** A 503 says when to try again, like the services' own. */
	private static HttpHeaders retryAfter() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "5");
		return headers;
	}

	private static String defaultDetail(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> "The request is not valid.";
			case 401 -> "Authentication with a valid bearer token is required.";
			case 403 -> "Access to this resource is denied.";
			case 404 -> "No route or resource matches this path.";
			case 405 -> "The request method is not supported for this path.";
			case 406 -> "None of the acceptable media types can be produced.";
			case 413 -> "The request body is too large.";
			case 415 -> "The media type of the request body is not supported.";
			case 502 -> "The upstream service answered with an invalid response.";
			case 503 -> "The upstream service is not available.";
			case 504 -> "The upstream service did not answer in time.";
			default -> (status.is5xxServerError()) ? "An unexpected error occurred." : "The request failed.";
		};
	}

	private static void logProblem(ServerWebExchange exchange, Problem problem, Throwable ex) {
		int status = problem.status().value();
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		String target = (route != null) ? "route " + route.getId() : exchange.getRequest().getPath().value();
		if (status == 500) {
			log.error("Unexpected error for {} {}", exchange.getRequest().getMethod(), target, ex);
		}
		else if (problem.status().is5xxServerError()) {
			log.warn("{} for {} {}: {}", status, exchange.getRequest().getMethod(), target, ex.toString());
		}
		else if (log.isDebugEnabled()) {
			log.debug("{} for {} {}: {}", status, exchange.getRequest().getMethod(), target, ex.toString());
		}
	}

	private record Problem(HttpStatusCode status, String detail, HttpHeaders headers) {

		static Problem of(HttpStatus status) {
			return new Problem(status, defaultDetail(status), HttpHeaders.EMPTY);
		}

	}

}

package org.therapygroups.platform.problem;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.Container;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat answers requests it cannot even hand to the application (an undecodable or
 * over-long URL, a header too large) with its own HTML page. This installs a report valve
 * that writes problem JSON instead, with a fixed detail per status.
 */
public class ContainerProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addContextCustomizers((context) -> {
			Container host = context.getParent();
			if (host instanceof StandardHost standardHost) {
				standardHost.setErrorReportValveClass(ProblemReportValve.class.getName());
			}
		});
	}

	public static String detail(int status) {
		return switch (status) {
			case 400 -> "The request is not valid HTTP or its URL cannot be decoded.";
			case 401 -> "A valid bearer token is required.";
			case 403 -> "Access to this resource is denied.";
			case 404 -> "No resource matches this path.";
			case 405 -> "The request method is not supported for this path.";
			case 413 -> "The request body is too large.";
			case 414 -> "The request URL is too long.";
			case 431 -> "The request headers are too large.";
			case 503 -> "The service is not available. Try again shortly.";
			default -> (status >= 500) ? "An unexpected error occurred." : "The request failed.";
		};
	}

	/** Tomcat's error report, as problem JSON. */
	public static class ProblemReportValve extends ErrorReportValve {

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			int status = response.getStatus();
			if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
				return;
			}
			HttpStatus known = HttpStatus.resolve(status);
			String title = (known != null) ? known.getReasonPhrase() : "Error";
			String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
					+ ",\"detail\":\"" + detail(status) + "\"}";
			try {
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.setCharacterEncoding(StandardCharsets.UTF_8.name());
				Writer writer = response.getReporter();
				if (writer != null) {
					writer.write(body);
					response.finishResponse();
				}
			}
			catch (IOException | IllegalStateException ex) {
				// the client is gone or the response was committed meanwhile
			}
		}

	}

}

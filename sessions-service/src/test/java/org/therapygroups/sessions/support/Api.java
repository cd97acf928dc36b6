package org.therapygroups.sessions.support;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.JsonPath;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

/** Calls the service over MockMvc with a token for a {@link Caller} (or none). */
public final class Api {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final MockMvc mvc;

	public Api(MockMvc mvc) {
		this.mvc = mvc;
	}

	public Response get(Caller caller, String path) {
		return call(HttpMethod.GET, caller, path, null);
	}

	public Response post(Caller caller, String path, Object body) {
		return call(HttpMethod.POST, caller, path, body);
	}

	public Response put(Caller caller, String path, Object body) {
		return call(HttpMethod.PUT, caller, path, body);
	}

	public Response patch(Caller caller, String path, Object body) {
		return call(HttpMethod.PATCH, caller, path, body);
	}

	public Response delete(Caller caller, String path) {
		return call(HttpMethod.DELETE, caller, path, null);
	}

	public Response call(HttpMethod method, Caller caller, String path, Object body) {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(method, path);
		if (caller != null) {
			request.with(jwt().jwt((token) -> token.subject(caller.id()))
				.authorities(new SimpleGrantedAuthority("ROLE_" + caller.role())));
		}
		if (body != null) {
			try {
				request.contentType(MediaType.APPLICATION_JSON)
					.content((body instanceof String text) ? text : JSON.writeValueAsString(body));
			}
			catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
				throw new IllegalArgumentException(ex);
			}
		}
		try {
			MvcResult result = this.mvc.perform(request).andReturn();
			return new Response(result.getResponse().getStatus(), result.getResponse().getContentAsString(),
					result.getResponse().getContentType());
		}
		catch (Exception ex) {
			throw new IllegalStateException(method + " " + path + " failed: " + ex, ex);
		}
	}

	/**
	 * An answer.
	 *
	 * @param status the HTTP status
	 * @param body the body text
	 * @param contentType the content type, if any
	 */
	public record Response(int status, String body, String contentType) {

		public <T> T json(String path) {
			return JsonPath.read(this.body, path);
		}

		public String id() {
			return json("$.id");
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

	public static Map<String, Object> body(Object... keyValues) {
		Map<String, Object> map = new java.util.LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			map.put((String) keyValues[i], keyValues[i + 1]);
		}
		return map;
	}

}

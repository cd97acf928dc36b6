package org.therapygroups.platform.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.method.HandlerMethod;

import org.therapygroups.platform.security.SecurityProperties;

/**
 * Makes a service's OpenAPI document one a client can use, the same way for every
 * service: one server (the gateway, where clients call), a bearer-token scheme applied to
 * every operation except the service's public paths, the {@code Problem} schema and the
 * error responses each operation can give, {@code application/json} where the framework
 * wrote "any media type", and tags without the {@code -controller} suffix.
 * <p>
 * Every operation must say what it does: a controller method without
 * {@code @Operation(operationId = ..., summary = ...)}, or with an operation id another
 * method has too, fails the document, so the service's own API document test names it.
 * <p>
 * What an operation declares itself wins: its own responses (e.g. a 429 of a rate limit,
 * a 201) are kept and only the missing error responses are added. A subclass bean
 * replaces this one.
 */
public class ApiDocument implements GlobalOpenApiCustomizer, GlobalOperationCustomizer {

	/** The name of the security scheme, for an operation that names it itself. */
	public static final String BEARER = "bearer";

	/** The problem schema, for a service's own error responses in annotations. */
	public static final String PROBLEM = "#/components/schemas/Problem";

	public static final String PROBLEM_JSON = "application/problem+json";

	private static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

	/** springdoc's suffix for an operation id used twice. */
	private static final Pattern DEDUPLICATED = Pattern.compile(".+_\\d+");

	private static final Set<PathItem.HttpMethod> CHANGES = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
			PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

	private final ApiDocumentProperties properties;

	private final SecurityProperties security;

	private final Environment environment;

	private final AntPathMatcher paths = new AntPathMatcher();

	/**
	 * Handler methods without a summary or operation id, found while the paths are built.
	 */
	private final List<String> undescribed = new ArrayList<>();

	/**
	 * @param properties what the document says about itself
	 * @param security the service's token settings and public paths, or {@code null} when
	 * the kit's security is off
	 * @param environment for the application's name and {@code PUBLIC_BASE_URL}
	 */
	public ApiDocument(ApiDocumentProperties properties, SecurityProperties security, Environment environment) {
		this.properties = properties;
		this.security = security;
		this.environment = environment;
	}

	@Override
	public Operation customize(Operation operation, HandlerMethod handlerMethod) {
		io.swagger.v3.oas.annotations.Operation described = AnnotatedElementUtils
			.findMergedAnnotation(handlerMethod.getMethod(), io.swagger.v3.oas.annotations.Operation.class);
		if (described == null || !StringUtils.hasText(described.operationId())
				|| !StringUtils.hasText(described.summary())) {
			synchronized (this.undescribed) {
				this.undescribed
					.add(handlerMethod.getBeanType().getSimpleName() + "." + handlerMethod.getMethod().getName());
			}
		}
		return operation;
	}

	@Override
	public void customise(OpenAPI openApi) {
		requireDescribedOperations(openApi);
		openApi.info(info(openApi.getInfo()));
		openApi.servers(List.of(new Server().url(serverUrl()).description("The gateway")));
		Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
		openApi.components(components);
		components.addSecuritySchemes(BEARER, bearerScheme());
		openApi.security(List.of(new SecurityRequirement().addList(BEARER)));
		components.addSchemas("Problem", problemSchema());
		if (openApi.getPaths() != null) {
			openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				boolean open = isPublic(path);
				if (open) {
					// empty, not null: overrides the global requirement
					operation.setSecurity(new ArrayList<>());
				}
				addErrorResponses(operation, method, path, open, components);
				jsonForAnyMediaType(operation);
				operation.setTags(tags(operation.getTags()));
			}));
		}
		if (openApi.getTags() != null) {
			openApi.getTags().forEach((tag) -> tag.setName(tagName(tag.getName())));
		}
	}

	/**
	 * Where clients call the API.
	 * @return the gateway's public base URL, without a trailing slash
	 */
	protected String serverUrl() {
		String url = StringUtils.hasText(this.properties.serverUrl()) ? this.properties.serverUrl()
				: this.environment.getProperty("PUBLIC_BASE_URL", DEFAULT_SERVER);
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	private void requireDescribedOperations(OpenAPI openApi) {
		List<String> problems = new ArrayList<>();
		synchronized (this.undescribed) {
			if (!this.undescribed.isEmpty()) {
				problems.add("without @Operation(operationId, summary): " + this.undescribed);
				this.undescribed.clear();
			}
		}
		if (openApi.getPaths() != null) {
			Map<String, String> twice = new TreeMap<>();
			openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				if (operation.getOperationId() != null && DEDUPLICATED.matcher(operation.getOperationId()).matches()) {
					twice.put(operation.getOperationId(), method + " " + path);
				}
			}));
			if (!twice.isEmpty()) {
				problems.add("with an operation id another operation has too: " + twice);
			}
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("The API document needs every operation described; operations "
					+ String.join("; operations ", problems));
		}
	}

	private Info info(Info generated) {
		Info info = (generated != null) ? generated : new Info();
		String application = this.environment.getProperty("spring.application.name", "service");
		String title = StringUtils.hasText(this.properties.title()) ? this.properties.title()
				: StringUtils.capitalize(application.replace('-', ' ')) + " API";
		String description = StringUtils.hasText(this.properties.description()) ? this.properties.description()
				: "Called through the gateway with a bearer token from Keycloak (realm `therapy`). "
						+ "Every error is RFC 9457 problem JSON; invalid fields are listed in `errors`, "
						+ "each with its `field` and JSON `pointer`.";
		return info.title(title)
			.description(description)
			.version(StringUtils.hasText(this.properties.version()) ? this.properties.version() : "1");
	}

	private SecurityScheme bearerScheme() {
		String tokens = (this.security != null && this.security.issuerUri() != null)
				? " from `" + this.security.issuerUri() + "/protocol/openid-connect/token`" : "";
		return new SecurityScheme().type(SecurityScheme.Type.HTTP)
			.scheme("bearer")
			.bearerFormat("JWT")
			.description("A Keycloak access token" + tokens + " with the audience `therapy-api`. "
					+ "Each service checks it itself; realm roles decide what the caller may do.");
	}

	private boolean isPublic(String path) {
		return this.security != null
				&& this.security.publicPaths().stream().anyMatch((pattern) -> this.paths.match(pattern, path));
	}

	/**
	 * The failures every operation of this kind can answer, unless it describes them
	 * itself: 400 for input, 401 and 403 behind a token, 404 for a path naming a record,
	 * 409 for a change (a concurrent change is one), 503 for the database away.
	 */
	private void addErrorResponses(Operation operation, PathItem.HttpMethod method, String path, boolean open,
			Components components) {
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		operation.setResponses(responses);
		Map<String, ErrorResponse> errors = new LinkedHashMap<>();
		boolean input = (operation.getParameters() != null && !operation.getParameters().isEmpty())
				|| operation.getRequestBody() != null;
		if (input) {
			errors.put("400", ErrorResponse.BAD_REQUEST);
		}
		if (!open) {
			errors.put("401", ErrorResponse.UNAUTHORIZED);
			errors.put("403", ErrorResponse.FORBIDDEN);
		}
		if (path.contains("{")) {
			errors.put("404", ErrorResponse.NOT_FOUND);
		}
		if (CHANGES.contains(method)) {
			errors.put("409", ErrorResponse.CONFLICT);
		}
		errors.put("503", ErrorResponse.UNAVAILABLE);
		errors.forEach((status, error) -> {
			if (!responses.containsKey(status)) {
				components.addResponses(error.responseName(), error.response());
				responses.addApiResponse(status,
						new ApiResponse().$ref("#/components/responses/" + error.responseName()));
			}
		});
	}

	private static void jsonForAnyMediaType(Operation operation) {
		if (operation.getResponses() == null) {
			return;
		}
		operation.getResponses().values().forEach((response) -> {
			Content content = response.getContent();
			if (content != null && content.containsKey("*/*")) {
				MediaType any = content.remove("*/*");
				content.putIfAbsent(org.springframework.http.MediaType.APPLICATION_JSON_VALUE, any);
			}
		});
	}

	private static List<String> tags(List<String> tags) {
		return (tags != null) ? tags.stream().map(ApiDocument::tagName).toList() : null;
	}

	/** {@code group-controller} reads as {@code group}. */
	private static String tagName(String tag) {
		return (tag != null && tag.endsWith("-controller")) ? tag.substring(0, tag.length() - "-controller".length())
				: tag;
	}

	/**
	 * RFC 9457 problem details as every service writes them (the kit's problem handler,
	 * its error page and security answers).
	 */
	private static Schema<?> problemSchema() {
		Schema<?> fieldError = new ObjectSchema().addProperty("field", new StringSchema().description(
				"the field's path in the request, e.g. `recurrence.start` or `items[0].name`; for a query or path parameter its name"))
			.addProperty("pointer",
					new StringSchema()
						.description("the same place as an RFC 6901 JSON pointer, e.g. `/recurrence/start`"))
			.addProperty("message", new StringSchema().description("what is wrong, never the submitted value"))
			.required(List.of("field", "pointer", "message"));
		return new ObjectSchema().description("RFC 9457 problem details. Nothing the caller sent is echoed.")
			.addProperty("type", new StringSchema().description("a URI reference naming the kind of problem"))
			.addProperty("title", new StringSchema().description("the status's reason phrase"))
			.addProperty("status", new IntegerSchema().format("int32").description("the HTTP status"))
			.addProperty("detail", new StringSchema().description("what went wrong, for a person"))
			.addProperty("instance", new StringSchema().description("the path of the request"))
			.addProperty("errors", new ArraySchema().items(fieldError).description("every invalid field, for a 400"))
			.required(List.of("type", "title", "status"));
	}

	private enum ErrorResponse {

		BAD_REQUEST("BadRequest", "Invalid input: every invalid field is listed in `errors`."),

		UNAUTHORIZED("Unauthorized", "No valid bearer token, or the account is deactivated."),

		FORBIDDEN("Forbidden", "The caller's role or relation does not allow this."),

		NOT_FOUND("NotFound", "No such record, or none the caller may see."),

		CONFLICT("Conflict",
				"The record's state does not allow this, or it was changed by someone else at the same time."),

		UNAVAILABLE("ServiceUnavailable",
				"A service this one needs (the database) is away; try again after `Retry-After`.");

		private final String responseName;

		private final String description;

		ErrorResponse(String responseName, String description) {
			this.responseName = responseName;
			this.description = description;
		}

		String responseName() {
			return this.responseName;
		}

		ApiResponse response() {
			ApiResponse response = new ApiResponse().description(this.description)
				.content(
						new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(PROBLEM))));
			if (this == UNAVAILABLE) {
				response.addHeaderObject("Retry-After", new Header().description("seconds to wait before trying again")
					.schema(new IntegerSchema().format("int32")));
			}
			return response;
		}

	}

}

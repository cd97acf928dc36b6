package org.therapygroups.platform.security;

import java.util.List;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import org.therapygroups.platform.problem.ApiProblem;

/**
 * Lets controller methods take an {@link Actor} parameter: the one way a controller
 * learns who is calling. With {@code therapy.security.actor-roles} set, a caller holding
 * none of those roles is refused (403) before the controller runs.
 */
class ActorArgumentResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

	private final List<String> requiredRoles;

	ActorArgumentResolver(SecurityProperties properties) {
		this.requiredRoles = properties.actorRoles();
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Actor.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof JwtAuthenticationToken token)) {
			throw ApiProblem.forbidden("A bearer token is needed.");
		}
		Actor actor = Actor.of(token);
		if (!this.requiredRoles.isEmpty() && this.requiredRoles.stream().noneMatch(actor::has)) {
			throw ApiProblem.forbidden("This endpoint needs the role " + listed(this.requiredRoles) + ".");
		}
		return actor;
	}

	/** E.g. "director, therapist or patient". */
	private static String listed(List<String> roles) {
		if (roles.size() == 1) {
			return roles.get(0);
		}
		return String.join(", ", roles.subList(0, roles.size() - 1)) + " or " + roles.get(roles.size() - 1);
	}

}

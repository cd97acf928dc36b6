package org.therapygroups.gateway.web;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;

/**
 * What every page's layout needs: the viewer, and the CSRF token the page's scripts send
 * back with every change.
 */
@ControllerAdvice(assignableTypes = { Pages.class, PatientPages.class, DirectorPages.class, TherapistPages.class })
class PageModel {

	@ModelAttribute("viewer")
	Viewer viewer(@AuthenticationPrincipal OidcUser user) {
		return Viewer.of(user).orElse(null);
	}

	/** The page's own path, so the navigation can mark where the viewer is. */
	@ModelAttribute("path")
	String path(ServerWebExchange exchange) {
		return exchange.getRequest().getPath().pathWithinApplication().value();
	}

	@ModelAttribute("csrf")
	Mono<CsrfToken> csrf(ServerWebExchange exchange) {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		return (token != null) ? token : Mono.empty();
	}

	@ExceptionHandler(PageForbidden.class)
	String forbidden(PageForbidden ex, ServerWebExchange exchange, Model model,
			@AuthenticationPrincipal OidcUser user) {
		exchange.getResponse().setStatusCode(HttpStatus.FORBIDDEN);
		model.addAttribute("needed", ex.needed());
		model.addAttribute("viewer", Viewer.of(user).orElse(null));
		return "forbidden";
	}

	/** Throws unless the viewer has the role the page is for. */
	static Viewer require(OidcUser user, Viewer.Role role) {
		Viewer viewer = Viewer.of(user).orElseThrow(() -> new PageForbidden(role));
		if (!viewer.is(role)) {
			throw new PageForbidden(role);
		}
		return viewer;
	}

}

package org.therapygroups.platform.security;

import java.io.IOException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.dao.DataAccessException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses the access token of a deactivated account at once instead of when it expires:
 * the service records a deactivation as soon as {@code identity.events} announces it, and
 * a reactivation makes the same user's tokens work again. Runs right after the token was
 * checked, before any authorization decision.
 */
final class DeactivatedAccountFilter extends OncePerRequestFilter {

	private final DeactivatedAccounts deactivated;

	private final ProblemResponses problems;

	/**
	 * @param deactivated which accounts are deactivated now
	 * @param problems writes the 401
	 */
	DeactivatedAccountFilter(DeactivatedAccounts deactivated, ProblemResponses problems) {
		this.deactivated = deactivated;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken token && isDeactivated(token.getName())) {
			SecurityContextHolder.clearContext();
			this.problems.deactivated(request, response);
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean isDeactivated(String userId) {
		try {
			return this.deactivated.isDeactivated(userId);
		}
		catch (DataAccessException ex) {
			// the database is away: the request needs it as well and gets the service's
			// answer for that; refusing the token here would send the user to log in
			// again
			return false;
		}
	}

}

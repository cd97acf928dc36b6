package org.therapygroups.platform.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * One error style for every service: {@link ApiProblem} and the framework's own failures
 * as problem JSON, from controllers ({@link ProblemHandler}), from the servlet
 * container's error page ({@link ProblemErrorController}) and from Tomcat itself
 * ({@link ContainerProblems}); dates outside the years 1 to 9999 refused as bad input
 * ({@link PlausibleTimes}). {@code therapy.platform.problems.enabled=false} turns it off;
 * a service's own bean of one of these types replaces the kit's.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "therapy.platform.problems.enabled", matchIfMissing = true)
@Import(PlausibleTimes.class)
public class ProblemAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProblemHandler problemHandler() {
		return new ProblemHandler();
	}

	@Bean
	@ConditionalOnMissingBean(ErrorController.class)
	ProblemErrorController problemErrorController() {
		return new ProblemErrorController();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(TomcatServletWebServerFactory.class)
	static class Tomcat {

		@Bean
		@ConditionalOnMissingBean
		ContainerProblems containerProblems() {
			return new ContainerProblems();
		}

	}

}

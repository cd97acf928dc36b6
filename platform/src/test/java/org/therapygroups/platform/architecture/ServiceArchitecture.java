package org.therapygroups.platform.architecture;

import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;

import org.therapygroups.platform.problem.ProblemHandler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules every service's architecture test checks: the service keeps only its domain
 * and uses the kit for platform mechanics, and its feature packages meet only through
 * what they mean to share. A service's test calls {@link #check(String)} with its root
 * package.
 */
public final class ServiceArchitecture {

	private ServiceArchitecture() {
	}

	/**
	 * The classes a service's code is made of: not its tests, and not what Spring's
	 * ahead-of-time processing generates into the same folder ({@code ./run build}
	 * packages the services with it), which refers to every bean across features by
	 * design.
	 */
	public static final ImportOption WRITTEN_CODE = (location) -> !location.contains("__")
			&& !location.contains("$$SpringCGLIB$$") && ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location);

	/**
	 * Checks every rule on the main classes below a service's root package.
	 * @param rootPackage e.g. {@code org.therapygroups.sessions}
	 */
	public static void check(String rootPackage) {
		JavaClasses classes = new ClassFileImporter().withImportOption(WRITTEN_CODE).importPackages(rootPackage);
		for (ArchRule rule : rules(rootPackage)) {
			rule.check(classes);
		}
	}

	static ArchRule[] rules(String rootPackage) {
		// a service may have no controllers or no feature packages yet: nothing to check
		// is no violation
		return Stream.of(ruleSet(rootPackage)).map((rule) -> rule.allowEmptyShould(true)).toArray(ArchRule[]::new);
	}

	private static ArchRule[] ruleSet(String rootPackage) {
		return new ArchRule[] {
				// using the kit's JwtDecoder bean is fine (a token arriving in a
				// WebSocket
				// CONNECT); making another one is not
				noClasses().should()
					.dependOnClassesThat()
					.areAssignableTo(HttpSecurity.class)
					.orShould()
					.implement(JwtDecoder.class)
					.orShould()
					.dependOnClassesThat()
					.areAssignableTo(NimbusJwtDecoder.class)
					.because("resource-server security is the kit's (RequestRules adds a service's own paths)"),
				noMethods().that()
					.areAnnotatedWith(Bean.class)
					.should()
					.haveRawReturnType(assignableTo(JwtDecoder.class).or(assignableTo(SecurityFilterChain.class)))
					.because("a service uses the kit's token decoder (e.g. for a WebSocket CONNECT), never its own"),
				noClasses().that()
					.areNotAssignableTo(ProblemHandler.class)
					.should()
					.beAnnotatedWith(RestControllerAdvice.class)
					.orShould()
					.implement(ErrorController.class)
					.orShould()
					.implement(WebServerFactoryCustomizer.class)
					.because(
							"problem+json is written by the kit's handler: throw an ApiProblem, or extend ProblemHandler"),
				noClasses().should()
					.implement(HandlerMethodArgumentResolver.class)
					.orShould()
					.haveSimpleName("Actor")
					.because("who is calling is the kit's Actor, resolved once per request"),
				noClasses().should()
					.implement(HealthIndicator.class)
					.orShould()
					.implement(MongoClientSettingsBuilderCustomizer.class)
					.because("health, readiness and Mongo timeouts are the kit's"),
				noClasses().should()
					.dependOnClassesThat()
					.areAssignableTo(DeadLetterPublishingRecoverer.class)
					.orShould()
					.implement(CommonErrorHandler.class)
					.because("Kafka error handling and dead letters are the kit's"),
				noClasses().should()
					.haveSimpleNameEndingWith("OutboxRelay")
					.orShould()
					.haveSimpleName("OutboxEntry")
					.because("the outbox relay is the kit's, configured by therapy.outbox.collections"),
				// a service may have no controller of its own (only the kit's /me)
				classes().that()
					.areAnnotatedWith(RestController.class)
					.should()
					.notBePublic()
					.because("a controller is the HTTP face of its own feature, not an API for others")
					.allowEmptyShould(true),
				noClasses().that()
					.resideInAPackage(rootPackage + ".(*)..")
					.should()
					.dependOnClassesThat()
					.areAnnotatedWith(RestController.class)
					.because("one feature never calls another's controller")
					.allowEmptyShould(true),
				slices().matching(rootPackage + ".(*)..")
					.should()
					.beFreeOfCycles()
					.because("feature packages depend on each other in one direction only")
					// a service without feature packages has nothing to slice
					.allowEmptyShould(true) };
	}

}

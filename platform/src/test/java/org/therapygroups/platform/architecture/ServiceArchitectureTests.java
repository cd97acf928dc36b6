package org.therapygroups.platform.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules catch a service that copies platform code, and pass one that does not. */
class ServiceArchitectureTests {

	@Test
	void aServiceWithItsOwnHealthIndicatorAndErrorHandlerFails() {
		JavaClasses copied = new ClassFileImporter().importClasses(OwnHealth.class, OwnErrors.class);
		int failing = 0;
		for (var rule : ServiceArchitecture.rules("org.therapygroups.platform.architecture")) {
			if (rule.evaluate(copied).hasViolation()) {
				failing++;
			}
		}
		assertThat(failing).isEqualTo(2);
	}

	@Test
	void aServiceOfOnlyDomainCodePasses() {
		JavaClasses domain = new ClassFileImporter().importClasses(Domain.class);
		for (var rule : ServiceArchitecture.rules("org.therapygroups.platform.architecture")) {
			assertThat(rule.evaluate(domain).hasViolation()).as(rule.getDescription()).isFalse();
		}
	}

	@Test
	void aServiceMayCheckATokenWithTheKitsDecoderButNotMakeItsOwn() {
		var security = ServiceArchitecture.rules("org.therapygroups.platform.architecture")[0];
		assertThat(security.evaluate(new ClassFileImporter().importClasses(KitDecoderUser.class)).hasViolation())
			.isFalse();
		assertThat(security.evaluate(new ClassFileImporter().importClasses(OwnDecoder.class)).hasViolation()).isTrue();
	}

	@Test
	void checkThrowsOnAViolation() {
		assertThatThrownBy(() -> ServiceArchitecture.rules("org.therapygroups.platform.architecture")[2]
			.check(new ClassFileImporter().importClasses(OwnErrors.class))).isInstanceOf(AssertionError.class);
	}

	static class OwnHealth extends AbstractHealthIndicator {

		@Override
		protected void doHealthCheck(Health.Builder builder) {
			builder.up();
		}

	}

	@RestControllerAdvice
	static class OwnErrors {

		@ExceptionHandler(IllegalStateException.class)
		void handle() {
		}

	}

	static class KitDecoderUser {

		private final JwtDecoder decoder;

		KitDecoderUser(JwtDecoder decoder) {
			this.decoder = decoder;
		}

		String subject(String token) {
			return this.decoder.decode(token).getSubject();
		}

	}

	static class OwnDecoder {

		JwtDecoder decoder() {
			return NimbusJwtDecoder.withJwkSetUri("http://127.0.0.1:8180/certs").build();
		}

	}

	static class Domain {

		int sessionsHeld() {
			return 0;
		}

	}

}

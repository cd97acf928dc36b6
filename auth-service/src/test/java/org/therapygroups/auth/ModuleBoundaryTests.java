package org.therapygroups.auth;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.web.bind.annotation.RestController;

import org.therapygroups.auth.account.Accounts;
import org.therapygroups.auth.account.KeycloakUsers;
import org.therapygroups.platform.architecture.ServiceArchitecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Services share only the event contract and the service kit; the service keeps only its
 * domain (the kit's {@link ServiceArchitecture} rules); controllers leave the work to
 * use-case classes.
 */
class ModuleBoundaryTests {

	private final JavaClasses classes = new ClassFileImporter().withImportOption(ServiceArchitecture.WRITTEN_CODE)
		.importPackages("org.therapygroups.auth");

	@Test
	void sharesOnlyTheEventContractWithOtherServices() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.therapygroups.gateway..", "org.therapygroups.notes..",
					"org.therapygroups.sessions..", "org.therapygroups.devstack..")
			.check(this.classes);
	}

	@Test
	void keepsOnlyItsDomainAndLeavesPlatformMechanicsToTheKit() {
		ServiceArchitecture.check("org.therapygroups.auth");
	}

	@Test
	void controllersReachNeitherTheDatabaseNorKeycloakThemselves() {
		noClasses().that()
			.areAnnotatedWith(RestController.class)
			.should()
			.dependOnClassesThat(
					assignableTo(MongoOperations.class).or(resideInAnyPackage("org.keycloak.admin.client..")))
			.because("a controller translates HTTP to a call of a use-case class, which owns persistence and Keycloak")
			.check(this.classes);
	}

	@Test
	void controllersNeitherWriteAccountsNorEventsThemselves() {
		noClasses().that()
			.areAnnotatedWith(RestController.class)
			.should()
			.dependOnClassesThat(assignableTo(Accounts.class).or(assignableTo(KeycloakUsers.class))
				.or(resideInAnyPackage("org.springframework.data.mongodb..", "org.therapygroups.platform.outbox..",
						"org.therapygroups.events..")))
			.because("changes, Keycloak calls and the events that report them belong to use-case classes")
			.check(this.classes);
	}

}

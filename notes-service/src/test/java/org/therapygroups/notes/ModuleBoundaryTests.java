package org.therapygroups.notes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import org.therapygroups.platform.architecture.ServiceArchitecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Services share only the event contract and the service kit; the service keeps only its
 * domain (the kit's {@link ServiceArchitecture} rules); feature packages do not depend in
 * circles.
 */
class ModuleBoundaryTests {

	private final JavaClasses classes = new ClassFileImporter().withImportOption(ServiceArchitecture.WRITTEN_CODE)
		.importPackages("org.therapygroups.notes");

	@Test
	void sharesOnlyTheEventContractWithOtherServices() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.therapygroups.gateway..", "org.therapygroups.auth..",
					"org.therapygroups.sessions..", "org.therapygroups.devstack..")
			.check(this.classes);
	}

	@Test
	void keepsOnlyItsDomainAndLeavesPlatformMechanicsToTheKit() {
		ServiceArchitecture.check("org.therapygroups.notes");
	}

	@Test
	void onlyTheCryptoPackageTouchesKeys() {
		noClasses().that()
			.resideOutsideOfPackage("org.therapygroups.notes.crypto..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("com.google.crypto.tink..")
			.check(this.classes);
	}

	@Test
	void foundationPackagesDoNotReachUpIntoNotes() {
		noClasses().that()
			.resideInAnyPackage("org.therapygroups.notes.crypto..", "org.therapygroups.notes.audit..",
					"org.therapygroups.notes.template..", "org.therapygroups.notes.sessions..",
					"org.therapygroups.notes.problem..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.therapygroups.notes.note..", "org.therapygroups.notes.pattern..",
					"org.therapygroups.notes.intake..", "org.therapygroups.notes.admin..")
			.check(this.classes);
	}

	@Test
	void controllersStayInsideTheirFeature() {
		classes().that()
			.areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
			.should()
			.notBePublic()
			.check(this.classes);
	}

}

package org.therapygroups.sessions;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import org.therapygroups.platform.architecture.ServiceArchitecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Services share only the event contract and the service kit; the service keeps only its
 * domain (the kit's {@link ServiceArchitecture} rules); feature packages do not depend in
 * circles.
 */
class ModuleBoundaryTests {

	private final JavaClasses classes = new ClassFileImporter().withImportOption(ServiceArchitecture.WRITTEN_CODE)
		.importPackages("org.therapygroups.sessions");

	@Test
	void sharesOnlyTheEventContractWithOtherServices() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.therapygroups.gateway..", "org.therapygroups.auth..", "org.therapygroups.notes..",
					"org.therapygroups.devstack..")
			.check(this.classes);
	}

	@Test
	void keepsOnlyItsDomainAndLeavesPlatformMechanicsToTheKit() {
		ServiceArchitecture.check("org.therapygroups.sessions");
	}

}

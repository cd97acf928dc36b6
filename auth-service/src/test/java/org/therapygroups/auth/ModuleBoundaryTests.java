package org.therapygroups.auth;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Services share only the event contract; feature packages do not depend in circles. */
class ModuleBoundaryTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
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
	void featurePackagesAreFreeOfCycles() {
		slices().matching("org.therapygroups.auth.(*)..").should().beFreeOfCycles().check(this.classes);
	}

}

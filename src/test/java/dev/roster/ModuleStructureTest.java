package dev.roster;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The module structure: each job lives in its own package on top of a shared core, and the doors (the command line,
 * serve) and {@link RosterJobs} are the only code that knows every job. A job that reached into another job's package,
 * or a core package that reached up into a job, would make a job impossible to change, or to remove, alone.
 */
class ModuleStructureTest {

	static final List<String> JOBS = List.of("importusers", "terminate", "reactivate", "syncroster", "delegates",
			"emails", "export");

	static final List<String> CORE = List.of("job", "intake", "user", "account", "mail", "files", "database",
			"access");

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.roster");

	@Test
	void noJobDependsOnAnotherJob() {
		for (String job : JOBS) {
			String[] others = JOBS.stream().filter((other) -> !other.equals(job)).map(ModuleStructureTest::packageOf)
				.toArray(String[]::new);
			ArchRule rule = noClasses().that()
				.resideInAPackage(packageOf(job))
				.should()
				.dependOnClassesThat()
				.resideInAnyPackage(others)
				.because("a job is its own package: what two jobs share belongs to the core");
			rule.check(CLASSES);
		}
	}

	@Test
	void theCoreDependsOnNoJob() {
		ArchRule rule = noClasses().that()
			.resideInAnyPackage(CORE.stream().map(ModuleStructureTest::packageOf).toArray(String[]::new))
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(JOBS.stream().map(ModuleStructureTest::packageOf).toArray(String[]::new))
			.because("the core is what every job builds on; a job is added or removed without touching it");
		rule.check(CLASSES);
	}

	private static String packageOf(String module) {
		return "dev.roster." + module + "..";
	}

}

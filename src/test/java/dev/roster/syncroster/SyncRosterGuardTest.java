package dev.roster.syncroster;

import dev.roster.user.MassTerminationGuard;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SyncRosterGuardTest {

	private final MassTerminationGuard rule = new MassTerminationGuard(20, 5);

	private final SyncRosterGuard defaults = new SyncRosterGuard(this.rule, false, null);

	@Test
	void stopsOnlyAboveBothThePercentageAndTheMinimum() {
		// 100 users: 20 may go, 21 may not
		assertThat(this.defaults.refusal(100, 20, 80, 0)).isNull();
		assertThat(this.defaults.refusal(100, 21, 79, 0)).startsWith("mass-termination guard: it would terminate 21 of 100 users (21%)")
			.contains("--max-terminations 21");
		// 10 users: 20% is 2, but up to the minimum of 5 may go
		assertThat(this.defaults.refusal(10, 5, 5, 0)).isNull();
		assertThat(this.defaults.refusal(10, 6, 4, 0)).isNotNull();
		assertThat(this.defaults.refusal(3, 3, 1, 0)).isNull();
		assertThat(this.rule.allowed(1000)).isEqualTo(200);
	}

	@Test
	void eachOverrideApprovesAsItSays() {
		assertThat(new SyncRosterGuard(this.rule, true, null).refusal(100, 90, 10, 0)).isNull();
		assertThat(new SyncRosterGuard(this.rule, false, 30).refusal(100, 30, 70, 0)).isNull();
		assertThat(new SyncRosterGuard(this.rule, false, 30).refusal(100, 31, 69, 0))
			.contains("more than --max-terminations 30 allows");
		// an explicit maximum is a cap even below the percentage
		assertThat(new SyncRosterGuard(this.rule, false, 2).refusal(100, 3, 97, 0)).isNotNull();
	}

	@Test
	void aDamagedFileTerminatesNoOneWhateverTheOptions() {
		SyncRosterGuard approved = new SyncRosterGuard(this.rule, true, null);
		assertThat(approved.refusal(100, 100, 0, 0)).contains("no valid rows");
		assertThat(approved.refusal(100, 10, 60, 21)).contains("21 rows were rejected, more than the 20 terminations");
		assertThat(approved.refusal(100, 10, 60, 20)).isNull();
		// nothing to terminate, nothing to refuse
		assertThat(approved.refusal(100, 0, 0, 50)).isNull();
	}

}

package dev.roster.inbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InboxJobsTest {

	@Test
	void aStoppedTerminationIsApprovedAsAStoppedSyncIs() {
		assertThat(InboxJobs.ALL.find("terminate").orElseThrow().approval()).isEqualTo("--allow-mass-termination");
		assertThat(InboxJobs.ALL.find("sync-roster").orElseThrow().approval()).isEqualTo("--allow-mass-termination");
		assertThat(InboxJobs.ALL.find("import-users").orElseThrow().approval()).isNull();
	}

	@Test
	void onlyTheSyncsFileIsTheAccountsDesiredState() {
		assertThat(InboxJobs.ALL.all()).filteredOn(InboxJob::desiredState)
			.extracting(InboxJob::command)
			.containsExactly("sync-roster");
	}

}

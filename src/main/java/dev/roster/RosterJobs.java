package dev.roster;

import java.util.List;

import dev.roster.delegates.ImportDelegatesJob;
import dev.roster.emails.SendEmailsJob;
import dev.roster.export.ExportUsersJob;
import dev.roster.importusers.ImportUsersJob;
import dev.roster.job.JobDefinition;
import dev.roster.reactivate.ReactivateJob;
import dev.roster.syncroster.SyncRosterJob;
import dev.roster.terminate.TerminateJob;

/**
 * Every job Roster runs, by its definition: the command line makes a command of each, serve a drop folder or a
 * schedule of those it runs. A new job is its package plus one line here.
 */
public final class RosterJobs {

	/** In the order the command line lists them. */
	public static final List<JobDefinition> ALL = List.of(ImportUsersJob.DEFINITION, TerminateJob.DEFINITION,
			TerminateJob.DUE, ReactivateJob.DEFINITION, SyncRosterJob.DEFINITION, ImportDelegatesJob.DEFINITION,
			SendEmailsJob.DEFINITION, SendEmailsJob.DELIVER, ExportUsersJob.DEFINITION);

	private RosterJobs() {
	}

}

package dev.roster.inbox;

import java.nio.file.Path;
import java.time.ZoneId;

/**
 * One schedule of {@code jobs/serve.yaml}: when it fires, a job that reads a file gets the newest complete file of
 * {@code from} delivered into the account's drop folder; an account job is queued for the account.
 *
 * @param account the account slug
 * @param name the schedule's name, unique within the account
 * @param cron Spring's six-field cron expression (second minute hour day month weekday) or a macro such as
 * {@code @daily}
 * @param zone the time zone the cron is read in
 * @param job what it runs
 * @param from the file, or the folder whose newest complete file, a file job reads; {@code null} for an account job
 */
record Schedule(String account, String name, String cron, ZoneId zone, InboxJob job, Path from) {

	String id() {
		return this.account + "/" + this.name;
	}

}

/**
 * What every job shares: parameter names, restart-safe row counters, progress, how a safety guard stops a job, and
 * the runner that gives a job instance its identity (account, job, content hash, options), refuses to repeat a
 * completed one (unless the job is a repeatable one, such as a sync to a desired state) and resumes a failed or
 * killed one.
 */
package dev.roster.job;

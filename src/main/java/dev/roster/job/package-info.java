/**
 * What every job shares: parameter names, restart-safe row counters, progress, and the runner that gives a job
 * instance its identity (account, job, content hash, options), refuses to repeat a completed one and resumes a failed
 * or killed one.
 */
package dev.roster.job;

/**
 * The command line: parses with picocli, starts Spring only for commands that need it, launches jobs, prints progress
 * on stderr and one summary line (or JSON) on stdout, and maps outcomes to the exit codes of SPEC §7.
 */
package dev.roster.cli;

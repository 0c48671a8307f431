/**
 * Reading input files: format and dialect sniffing, header aliases, streaming restartable readers, and the per-row
 * reports (rejects, dry-run plans) every job writes.
 */
package dev.roster.intake;

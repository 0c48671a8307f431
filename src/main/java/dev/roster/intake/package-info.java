/**
 * Reading input files: XLSX workbooks and CSV/TSV text recognised by content, hostile files refused, header aliases,
 * streaming restartable readers, and the per-row reports (rejects, dry-run plans) every job writes.
 */
package dev.roster.intake;

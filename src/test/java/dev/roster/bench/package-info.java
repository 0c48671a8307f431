/**
 * The benchmark command: Roster's jobs against baselines measured in the same run on the same database, so that
 * ratios stay meaningful on a shared, noisy machine. Run by the {@code bench} Maven profile (see src/docs/performance.md).
 */
package dev.roster.bench;

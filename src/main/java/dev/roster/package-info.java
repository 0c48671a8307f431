/**
 * Roster's entry point and the runtime home folder shared by every module. Each job lives in its own package on top
 * of a small core: {@code account}, {@code user}, {@code intake}, {@code mail}, {@code job}.
 */
package dev.roster;

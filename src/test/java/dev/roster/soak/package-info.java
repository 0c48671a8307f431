/**
 * The crash soak: every job that changes an account run as its own process, killed with SIGKILL at points drawn from a
 * seed and run again until it completes, its effects then checked exactly once against the database. Run by the
 * {@code soak} Maven profile (see the README), and in a small size by the test suite.
 */
package dev.roster.soak;

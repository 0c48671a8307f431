/**
 * Where Roster's data lives: an embedded PostgreSQL kept in {@code $ROSTER_HOME} when no
 * {@code spring.datasource.url} is configured, guarded so that two processes never run it at once, and open only over
 * loopback to a client with the password kept beside it.
 */
package dev.roster.database;

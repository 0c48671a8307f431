package dev.roster.management;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The management endpoints' credential, bound from {@code roster.management.*}.
 *
 * @param token the bearer token that reads health's details and the metrics; unset, serve generates one into
 * {@code $ROSTER_HOME/management.token} and keeps it there
 */
@ConfigurationProperties("roster.management")
record ManagementProperties(String token) {
}

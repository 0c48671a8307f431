/**
 * Who may read {@code roster serve}'s management endpoints: health's status is open to a load balancer; its details,
 * the metrics and Prometheus's scrape need the management token ({@code Authorization: Bearer}), which makes the
 * caller an operator.
 */
package dev.roster.management;

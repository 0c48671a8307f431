/**
 * The console: the portal's Manage Users pages, in bulk, for account admins and the service's support staff. Pages
 * are server-rendered (Thymeleaf, plain forms first, htmx for the live parts), in English and Spanish, and stand on the
 * HTTP door's security, stores and job definitions; templates live under {@code templates/console/}.
 */
package dev.roster.console;

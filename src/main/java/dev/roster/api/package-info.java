/**
 * The HTTP door of {@code roster serve}: {@code /api/v1} for HR systems, the portal and admins, its security (people
 * with sessions, machines with bearer tokens) and its errors as RFC 9457 problem details. It knows the jobs only
 * through their definitions.
 */
package dev.roster.api;

/**
 * reactivate: terminated users a file lists become active again, with new codes and an activation email.
 */
package dev.roster.reactivate;

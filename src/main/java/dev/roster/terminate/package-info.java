/**
 * terminate and terminate-due: the users an HR termination feed lists lose their access at once, or on the date the
 * feed gives, behind the mass-termination guard; terminate-due applies the scheduled terminations that have come due.
 */
package dev.roster.terminate;

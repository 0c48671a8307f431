/**
 * Files and folders Roster writes: owner-only whatever the umask, written beside their place under an exclusive
 * temporary name and moved there when complete, and text a spreadsheet would run as a formula neutralised.
 */
package dev.roster.files;

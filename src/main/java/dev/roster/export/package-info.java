/**
 * export-users: an account's users streamed to CSV or XLSX with the columns of SPEC §8, safe to open in a
 * spreadsheet and to edit and import again.
 */
package dev.roster.export;

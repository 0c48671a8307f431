/**
 * import-users: rows of an invite spreadsheet become users — active with fresh codes and an activation email, or
 * invited with a welcome email — or update the users they name; bad rows go to the rejects report.
 */
package dev.roster.importusers;

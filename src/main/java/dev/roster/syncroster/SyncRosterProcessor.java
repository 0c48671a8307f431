package dev.roster.syncroster;

import java.time.LocalDate;
import java.util.function.Function;

import dev.roster.account.Account;
import dev.roster.intake.ColumnMap;
import dev.roster.intake.DateCells;
import dev.roster.intake.EmailListRules;
import dev.roster.intake.InputRow;
import dev.roster.intake.IntakeLimits;
import dev.roster.intake.UserRowRules.ValidatedUser;
import dev.roster.intake.UserRowRules;

/**
 * Validates each roster row on its own, with the rules of import-users plus an optional termination date. Checks that
 * need the database (a repeated email, another account's user) are part of the diff. A row rejected for any value but
 * its email still names its user; a row rejected for its email names no one.
 */
class SyncRosterProcessor implements Function<InputRow, RosterRow> {

	private final UserRowRules rules;

	private final EmailListRules cells;

	SyncRosterProcessor(Account account, ColumnMap columns, IntakeLimits limits) {
		this.rules = new UserRowRules(account, columns, limits);
		this.cells = new EmailListRules(columns, limits);
	}

	@Override
	public RosterRow apply(InputRow row) {
		ValidatedUser user = this.rules.validate(row);
		if (user.emailRejected()) {
			return new RosterRow(row, this.cells.value(row, UserRowRules.EMAIL), null, null, null, user.error(), false);
		}
		String error = user.error();
		LocalDate date = null;
		String dateCell = this.cells.value(row, DateCells.TERMINATION_DATE);
		if (error == null && !dateCell.isEmpty()) {
			date = DateCells.parse(dateCell);
			if (date == null) {
				error = this.cells.inColumn("invalid termination date '" + dateCell + "'", DateCells.TERMINATION_DATE)
						+ "; " + DateCells.HINT + ", or leave it blank";
			}
		}
		return new RosterRow(row, user.email(), user.emailKey(), user.fields(), date, error, user.emailCleaned());
	}

}

package dev.roster.syncroster;

import java.time.LocalDate;

import dev.roster.account.Account;
import dev.roster.intake.DateCells;
import dev.roster.intake.EmailListRules;
import dev.roster.intake.InputRow;
import dev.roster.intake.IntakeLimits;
import dev.roster.intake.TabularItemReader;
import dev.roster.intake.UserRowRules;
import dev.roster.intake.UserRowRules.ValidatedUser;
import dev.roster.user.UserStore;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Validates each roster row on its own, with the rules of import-users plus an optional termination date. Checks that
 * need the database (a repeated email, another account's user) are part of the diff.
 */
class SyncRosterProcessor implements ItemProcessor<InputRow, RosterRow> {

	private final Account account;

	private final TabularItemReader reader;

	private final IntakeLimits limits;

	private UserRowRules rules;

	private EmailListRules cells;

	SyncRosterProcessor(Account account, TabularItemReader reader, IntakeLimits limits) {
		this.account = account;
		this.reader = reader;
		this.limits = limits;
	}

	@Override
	public RosterRow process(InputRow row) {
		if (this.rules == null) {
			// the columns are known only once the step has opened the reader
			this.rules = new UserRowRules(this.account, this.reader.columns(), this.limits);
			this.cells = new EmailListRules(this.reader.columns(), this.limits);
		}
		ValidatedUser user = this.rules.validate(row);
		String cell = this.cells.value(row, UserRowRules.EMAIL);
		String emailKey = cell.isEmpty() ? null : UserStore.emailKey(cell);
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
		return new RosterRow(row, user.valid() ? user.email() : cell, emailKey, user.fields(), date, error);
	}

}

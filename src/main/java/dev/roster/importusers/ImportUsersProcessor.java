package dev.roster.importusers;

import dev.roster.account.Account;
import dev.roster.intake.InputRow;
import dev.roster.intake.IntakeLimits;
import dev.roster.intake.TabularItemReader;
import dev.roster.intake.UserRowRules;
import dev.roster.intake.UserRowRules.ValidatedUser;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Validates each row on its own; checks that need the database (duplicates, other accounts) are the writer's. */
class ImportUsersProcessor implements ItemProcessor<InputRow, ValidatedUser> {

	private final Account account;

	private final TabularItemReader reader;

	private final IntakeLimits limits;

	private UserRowRules rules;

	ImportUsersProcessor(Account account, TabularItemReader reader, IntakeLimits limits) {
		this.account = account;
		this.reader = reader;
		this.limits = limits;
	}

	@Override
	public ValidatedUser process(InputRow row) {
		if (this.rules == null) {
			// the columns are known only once the step has opened the reader
			this.rules = new UserRowRules(this.account, this.reader.columns(), this.limits);
		}
		return this.rules.validate(row);
	}

}

package dev.roster.importusers;

import java.util.function.Function;

import dev.roster.account.Account;
import dev.roster.intake.ColumnMap;
import dev.roster.intake.InputRow;
import dev.roster.intake.IntakeLimits;
import dev.roster.intake.UserRowRules.ValidatedUser;
import dev.roster.intake.UserRowRules;

/** Validates each row on its own; checks that need the database (duplicates, other accounts) are the writer's. */
class ImportUsersProcessor implements Function<InputRow, ValidatedUser> {

	private final UserRowRules rules;

	ImportUsersProcessor(Account account, ColumnMap columns, IntakeLimits limits) {
		this.rules = new UserRowRules(account, columns, limits);
	}

	@Override
	public ValidatedUser apply(InputRow row) {
		return this.rules.validate(row);
	}

}

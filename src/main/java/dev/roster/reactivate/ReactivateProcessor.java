package dev.roster.reactivate;

import java.util.function.Function;

import dev.roster.intake.ColumnMap;
import dev.roster.intake.EmailListRules;
import dev.roster.intake.InputRow;
import dev.roster.intake.IntakeLimits;
import dev.roster.intake.UserRowRules;

/**
 * Validates each row on its own: a valid email (invisible characters removed). Whether the user exists is the
 * writer's question.
 */
class ReactivateProcessor implements Function<InputRow, ReactivationRow> {

	private final EmailListRules rules;

	ReactivateProcessor(ColumnMap columns, IntakeLimits limits) {
		this.rules = new EmailListRules(columns, limits);
	}

	@Override
	public ReactivationRow apply(InputRow row) {
		String problem = this.rules.rowProblem(row, UserRowRules.EMAIL);
		if (problem == null) {
			problem = this.rules.emailProblem(row, UserRowRules.EMAIL, "email");
		}
		return new ReactivationRow(row, this.rules.email(row, UserRowRules.EMAIL), problem,
				this.rules.emailCleaned(row, UserRowRules.EMAIL));
	}

}

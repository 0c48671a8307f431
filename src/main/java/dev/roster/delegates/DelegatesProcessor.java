package dev.roster.delegates;

import java.util.function.Function;

import dev.roster.intake.ColumnMap;
import dev.roster.intake.EmailListRules;
import dev.roster.intake.InputRow;
import dev.roster.intake.IntakeLimits;
import dev.roster.user.UserStore;

/**
 * Validates each row on its own: a valid host email, and a valid delegate email — or, with --replace, a blank one,
 * which empties the host's delegate list. Whether the users exist and are active is the writer's question.
 */
class DelegatesProcessor implements Function<InputRow, DelegateRow> {

	static final String HOST_EMAIL = "host_email";

	static final String DELEGATE_EMAIL = "delegate_email";

	private final boolean replace;

	private final EmailListRules rules;

	DelegatesProcessor(ColumnMap columns, IntakeLimits limits, boolean replace) {
		this.rules = new EmailListRules(columns, limits);
		this.replace = replace;
	}

	@Override
	public DelegateRow apply(InputRow row) {
		String host = this.rules.email(row, HOST_EMAIL);
		String delegate = this.rules.email(row, DELEGATE_EMAIL);
		String problem = this.rules.rowProblem(row, HOST_EMAIL, DELEGATE_EMAIL);
		if (problem == null) {
			problem = this.rules.emailProblem(row, HOST_EMAIL, "host email");
		}
		if (problem == null && !(delegate.isEmpty() && this.replace)) {
			problem = this.rules.emailProblem(row, DELEGATE_EMAIL, "delegate email");
			if (delegate.isEmpty()) {
				problem += " (with --replace, a host with a blank delegate has all their delegates removed)";
			}
		}
		return new DelegateRow(row, host, host.isEmpty() ? null : UserStore.emailKey(host), delegate,
				delegate.isEmpty() ? null : UserStore.emailKey(delegate), problem,
				this.rules.emailCleaned(row, HOST_EMAIL) || this.rules.emailCleaned(row, DELEGATE_EMAIL));
	}

}

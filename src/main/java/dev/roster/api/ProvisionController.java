package dev.roster.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.roster.access.AuditLog;
import dev.roster.access.Caller;
import dev.roster.account.Account;
import dev.roster.intake.ColumnMap;
import dev.roster.intake.InputRow;
import dev.roster.intake.IntakeLimits;
import dev.roster.intake.UserRowRules;
import dev.roster.intake.UserRowRules.ValidatedUser;
import dev.roster.job.LaunchOrigin;
import dev.roster.user.UserPages;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * SSO just-in-time provisioning: the portal creates a user at their first sign-in, when the account allows it. The
 * body is validated by the rules of an import row, so a provisioned user is one an import could have created.
 */
@RestController
@RequestMapping("/api/v1/accounts/{account}/users")
class ProvisionController {

	/** What a token needs among its jobs to provision. */
	static final String PROVISION = "provision";

	/** The body's fields, each its own (and only) header. */
	private static final ColumnMap COLUMNS = UserRowRules.recordColumns("the request");

	private final AccountAccess access;

	private final Provisioning provisioning;

	private final UserPages pages;

	private final IntakeLimits limits;

	private final AuditLog audit;

	private final AccountDeliveries deliveries;

	ProvisionController(AccountAccess access, Provisioning provisioning, UserPages pages, IntakeLimits limits,
			AuditLog audit, AccountDeliveries deliveries) {
		this.deliveries = deliveries;
		this.access = access;
		this.provisioning = provisioning;
		this.pages = pages;
		this.limits = limits;
		this.audit = audit;
	}

	@PostMapping("/provision")
	ResponseEntity<UserBody> provision(@PathVariable String account, @RequestBody ProvisionRequest body,
			HttpServletRequest request) {
		Account found = this.access.account(account);
		Caller caller = Callers.current();
		// an admin of the account or support staff; a machine only with a token made to provision
		if (!caller.person() && !caller.operator() && !caller.jobs().contains(PROVISION)) {
			throw ApiProblem.forbidden("this token may not provision users; create one with the job " + PROVISION);
		}
		if (!found.policy().jitProvisioning()) {
			throw ApiProblem.forbidden("just-in-time provisioning is off for account " + account
					+ "; support staff turn it on with jit-provisioning: true in its definition");
		}
		ValidatedUser user = new UserRowRules(found, COLUMNS, this.limits).validate(body.row());
		if (user.error() != null) {
			throw ApiProblem.of(HttpStatus.UNPROCESSABLE_ENTITY, fieldMessage(user.error()));
		}
		boolean created;
		try {
			created = this.provisioning.provision(found, user);
		}
		catch (DataIntegrityViolationException ex) {
			// a call at the same moment created it first: answer as to a second call
			created = false;
		}
		UserBody provisioned = this.pages.find(found.id(), user.email())
			.map(UserBody::of)
			.orElseThrow(() -> ApiProblem.conflict(Provisioning.OUTSIDE));
		if (!created) {
			return ResponseEntity.ok(provisioned);
		}
		this.audit.record(account, caller.who(), "user.provision", "user " + provisioned.id(),
				ApiSecurityConfiguration.source(request), Map.of("email", provisioned.email()));
		if (found.policy().jitActivationEmail()) {
			// the user signing in for the first time waits for their codes
			this.deliveries.deliverSoon(account, caller, LaunchOrigin.API);
		}
		return ResponseEntity.created(URI.create("/api/v1/accounts/" + account + "/users/" + provisioned.email()))
			.body(provisioned);
	}

	/** The rules name a spreadsheet column and its letter; a request has fields. */
	private static String fieldMessage(String error) {
		return error.replaceFirst(" in column '([a-z_]+)' \\([A-Z]+\\)$", " in field '$1'");
	}

	/** The body of a provisioning call, names as the API's: snake_case. */
	record ProvisionRequest(String email, String first_name, String last_name, String profile_type, String group,
			String office, String billing_code, String language) {

		/** The body as an import row, values in the order of {@link UserRowRules#recordColumns}. */
		InputRow row() {
			return new InputRow(1, List.of(text(this.email), text(this.first_name), text(this.last_name),
					text(this.profile_type), text(this.group), text(this.office), text(this.billing_code),
					text(this.language)));
		}

		private static String text(String value) {
			return dev.roster.intake.Cells.clean(Objects.requireNonNullElse(value, ""));
		}

	}

}

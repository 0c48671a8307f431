package dev.roster.mail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.roster.account.AccountStore;
import dev.roster.mail.MailTemplates.EmailTemplate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox: every queued email that is due, of one account or of all, over the configured transport.
 * <p>
 * Safe to run in several processes at once: rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so no two
 * deliveries take the same email. A row is marked sent in the transaction that records its chunk, right after the
 * server accepted it, and a sent row is never claimed again. A delivery holds an advisory lock for as long as it
 * runs; rows left claimed by a delivery whose lock is gone (its process died) are queued again by the next delivery
 * and flagged as possible duplicates, since the server may have taken them.
 */
@Service
public class OutboxDelivery {

	private static final Log logger = LogFactory.getLog(OutboxDelivery.class);

	private final OutboxClaims claims;

	private final DataSource dataSource;

	private final MailTransport transport;

	private final RosterMailProperties properties;

	private final AccountStore accounts;

	private final MailTemplates templates;

	private final MailMessages messages;

	private final RateLimiter rateLimiter;

	OutboxDelivery(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, DataSource dataSource,
			MailTransport transport, RosterMailProperties properties, AccountStore accounts) {
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		// a delivery commits its own work as it goes, whatever transaction its caller (a job step) has open
		transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.claims = new OutboxClaims(jdbc, transactions);
		this.dataSource = dataSource;
		this.transport = transport;
		this.properties = properties;
		this.accounts = accounts;
		this.templates = new MailTemplates(properties.templates());
		this.messages = new MailMessages(properties.from(), properties.replyTo());
		this.rateLimiter = new RateLimiter(properties.ratePerAccount());
	}

	/**
	 * Delivers the due emails of an account, or of every account.
	 * @param accountSlug the account, or {@code null} for all
	 * @param runId the job execution delivering: rows it touches carry it, and {@link #problems} lists them
	 * @param progress told the counts after every chunk, from the delivery's threads
	 */
	public DeliveryResult deliver(String accountSlug, long runId, Consumer<DeliveryResult> progress) {
		Long accountId = null;
		if (accountSlug != null) {
			accountId = this.accounts.get(accountSlug).id();
		}
		Map<String, EmailTemplate> templates = compileTemplates();
		int claimer = this.claims.newClaimer();
		DeliveryResult counts;
		try (Connection lock = this.dataSource.getConnection()) {
			OutboxClaims.lock(lock, claimer);
			try {
				int recovered = this.claims.recover(accountId);
				if (recovered > 0) {
					logger.warn(recovered + " emails were in flight when an earlier delivery stopped; they are sent "
							+ "again and reported as possible duplicates");
				}
				logger.info("Delivering the outbox of " + ((accountSlug != null) ? accountSlug : "every account")
						+ " to " + this.transport.describe());
				Object lockProgress = new Object();
				counts = new DeliveryRun(this.claims, this.transport, this.messages, templates, this.properties,
						this.rateLimiter, accountId, runId, claimer, (result) -> {
							synchronized (lockProgress) {
								progress.accept(result);
							}
						})
					.run();
			}
			finally {
				OutboxClaims.unlock(lock, claimer);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reach the database: " + ex.getMessage(), ex);
		}
		OutboxClaims.Remaining remaining = this.claims.remaining(accountId, runId);
		String lastError = (remaining.lastError() != null) ? remaining.lastError() : counts.lastError();
		return new DeliveryResult(counts.sent(), counts.failed(), counts.cancelled(), counts.possibleDuplicates(),
				remaining.count(), remaining.nextAttempt(), lastError);
	}

	/**
	 * The emails of a delivery that were not simply sent — failed, cancelled, waiting for a retry, or sent as
	 * possible duplicates — for its report.
	 */
	public void problems(long runId, Consumer<DeliveryProblem> consumer) {
		this.claims.problems(runId, (RowCallbackHandler) (rs) -> consumer.accept(new DeliveryProblem(rs.getString(1),
				rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getBoolean(6), rs.getString(7),
				timestamp(rs, 8), timestamp(rs, 9))));
	}

	/** Where emails go, as a person reads it. */
	public String destination() {
		return this.transport.describe();
	}

	/** Every template, compiled for this delivery: an operator's broken template stops it before anything is sent. */
	private Map<String, EmailTemplate> compileTemplates() {
		Map<String, EmailTemplate> compiled = new HashMap<>();
		for (EmailKind kind : EmailKind.values()) {
			for (String language : MailTemplates.LANGUAGES) {
				Map<String, Object> constants = new LinkedHashMap<>();
				constants.put("serviceName", this.properties.serviceName());
				constants.put("portalUrl", this.properties.portalUrl());
				constants.put("dialIn", this.properties.dialIn());
				constants.put("language", language);
				constants.put("linkValidFor", MailTemplates.validity(this.properties.linkValidity(kind), language));
				compiled.put(DeliveryRun.key(kind, language), this.templates.compile(kind, language, constants));
			}
		}
		return compiled;
	}

	private static Instant timestamp(ResultSet rs, int column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/**
	 * One email of a delivery's report.
	 *
	 * @param status {@code SENT} (then a possible duplicate), {@code FAILED}, {@code CANCELLED} or {@code QUEUED}
	 * (waiting for a retry at {@code nextAttempt})
	 */
	public record DeliveryProblem(String account, String email, String kind, String status, int attempts,
			boolean possibleDuplicate, String error, Instant sentAt, Instant nextAttempt) {
	}


}

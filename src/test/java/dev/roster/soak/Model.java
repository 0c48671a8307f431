package dev.roster.soak;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the account must hold after each job, worked out from the files alone: every user with its fields and status,
 * how many times it was activated (two codes each time) and terminated (one snapshot each time), its emails by kind and
 * status, its meeting rooms, and the delegations. The soak compares the database with it, whole, after every job.
 */
final class Model {

	static final String ACTIVE = "ACTIVE";

	static final String TERMINATED = "TERMINATED";

	static final String QUEUED = "QUEUED";

	static final String SENT = "SENT";

	static final String CANCELLED = "CANCELLED";

	/** The stored fields of a user: names, and reference data by name ({@code null} when the user has none). */
	record Fields(String firstName, String lastName, String group, String office, String profileType,
			String billingCode, String language) {

		Fields withLastName(String lastName) {
			return new Fields(this.firstName, lastName, this.group, this.office, this.profileType, this.billingCode,
					this.language);
		}

	}

	static final class User {

		final String email;

		final String key;

		Fields fields;

		String status = ACTIVE;

		LocalDate due;

		int activations;

		final List<String> terminations = new ArrayList<>();

		/** {@code kind/STATUS} → how many. */
		final Map<String, Integer> emails = new TreeMap<>();

		int rooms;

		User(String email, Fields fields) {
			this.email = email;
			this.key = key(email);
			this.fields = fields;
		}

		User copy() {
			User copy = new User(this.email, this.fields);
			copy.status = this.status;
			copy.due = this.due;
			copy.activations = this.activations;
			copy.terminations.addAll(this.terminations);
			copy.emails.putAll(this.emails);
			copy.rooms = this.rooms;
			return copy;
		}

		boolean live() {
			return !TERMINATED.equals(this.status);
		}

		void email(String kind, String status, int delta) {
			this.emails.merge(kind + "/" + status, delta, Integer::sum);
			this.emails.remove(kind + "/" + status, 0);
		}

	}

	final Map<String, User> users = new LinkedHashMap<>();

	/** (host key, delegate key) pairs. */
	final Set<List<String>> delegations = new LinkedHashSet<>();

	static String key(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	Model copy() {
		Model copy = new Model();
		this.users.forEach((key, user) -> copy.users.put(key, user.copy()));
		copy.delegations.addAll(this.delegations);
		return copy;
	}

	User user(String email) {
		return this.users.get(key(email));
	}

	List<User> live() {
		return this.users.values().stream().filter(User::live).toList();
	}

	void create(String email, Fields fields) {
		User user = new User(email, fields);
		user.activations = 1;
		user.email("activation", QUEUED, 1);
		this.users.put(user.key, user);
	}

	/** What every termination does, whichever job: codes retired, rooms and delegations gone, queued emails cancelled. */
	void terminate(User user, String reason) {
		user.status = TERMINATED;
		user.due = null;
		user.terminations.add(reason);
		user.rooms = 0;
		this.delegations.removeIf((pair) -> pair.contains(user.key));
		for (String kindAndStatus : List.copyOf(user.emails.keySet())) {
			if (kindAndStatus.endsWith("/" + QUEUED)) {
				String kind = kindAndStatus.substring(0, kindAndStatus.indexOf('/'));
				int count = user.emails.get(kindAndStatus);
				user.email(kind, QUEUED, -count);
				user.email(kind, CANCELLED, count);
			}
		}
	}

	void reactivate(User user) {
		user.status = ACTIVE;
		user.activations++;
		user.email("activation", QUEUED, 1);
	}

	/** A complete delivery: every queued email is sent (the users they were queued for still fit them). */
	void deliver() {
		for (User user : this.users.values()) {
			for (String kindAndStatus : List.copyOf(user.emails.keySet())) {
				if (kindAndStatus.endsWith("/" + QUEUED)) {
					String kind = kindAndStatus.substring(0, kindAndStatus.indexOf('/'));
					int count = user.emails.get(kindAndStatus);
					user.email(kind, QUEUED, -count);
					user.email(kind, SENT, count);
				}
			}
		}
	}

	long queued() {
		return this.users.values()
			.stream()
			.flatMap((user) -> user.emails.entrySet().stream())
			.filter((entry) -> entry.getKey().endsWith("/" + QUEUED))
			.mapToLong(Map.Entry::getValue)
			.sum();
	}

}

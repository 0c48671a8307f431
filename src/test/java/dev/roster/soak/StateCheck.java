package dev.roster.soak;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The whole account in the database against the {@link Model}: each user once, with its fields and status, two codes
 * per activation (live while active, retired otherwise), one termination snapshot per termination, its emails by kind
 * and status, its rooms, and the delegations. Whatever a resumed job applied twice, or lost, shows up here.
 */
final class StateCheck {

	private StateCheck() {
	}

	/** A user as stored. */
	record Stored(long id, String email, Model.Fields fields, String status, String hostCode, String guestCode,
			LocalDate due) {
	}

	static Map<String, Stored> users(Connection connection, long accountId) throws SQLException {
		Map<String, Stored> users = new HashMap<>();
		try (PreparedStatement statement = SoakDatabase.prepare(connection, """
				select u.id, u.email_key, u.email, u.first_name, u.last_name, g.name, o.name, p.name, u.billing_code,
					u.language, u.status, u.host_code, u.guest_code, u.termination_due_on
				from app_user u
				join account_profile_type p on p.id = u.profile_type_id
				left join account_group g on g.id = u.group_id
				left join account_office o on o.id = u.office_id
				where u.account_id = ?""", accountId); ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				Stored previous = users.put(rows.getString(2), new Stored(rows.getLong(1), rows.getString(3),
						new Model.Fields(rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
								rows.getString(8), rows.getString(9), rows.getString(10)),
						rows.getString(11), rows.getString(12), rows.getString(13),
						(rows.getDate(14) != null) ? rows.getDate(14).toLocalDate() : null));
				if (previous != null) {
					throw new IllegalStateException("two users with the email key " + rows.getString(2));
				}
			}
		}
		return users;
	}

	static Set<String> codes(Connection connection) throws SQLException {
		Set<String> codes = new HashSet<>();
		try (PreparedStatement statement = connection.prepareStatement("select code from access_code");
				ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				codes.add(rows.getString(1));
			}
		}
		return codes;
	}

	static void check(Connection connection, long accountId, Model model, Violations violations) throws SQLException {
		Map<String, Stored> users = users(connection, accountId);
		Map<Long, String> keys = new HashMap<>();
		users.forEach((key, user) -> keys.put(user.id(), key));

		violations.check(users.size() == model.users.size(), "users in the account",
				users.size() + " where the files make " + model.users.size());
		for (Model.User expected : model.users.values()) {
			Stored user = users.get(expected.key);
			violations.check(user != null, "user missing", expected.email);
			if (user == null) {
				continue;
			}
			violations.check(user.email().equals(expected.email), "email as written", user.email() + " <> "
					+ expected.email);
			violations.check(user.fields().equals(expected.fields), "fields",
					expected.email + ": " + user.fields() + " where the files say " + expected.fields);
			violations.check(user.status().equals(expected.status), "status",
					expected.email + " is " + user.status() + ", should be " + expected.status);
			violations.check(Objects.equals(user.due(), expected.due), "scheduled termination",
					expected.email + " due " + user.due() + ", should be " + expected.due);
		}
		for (String key : users.keySet()) {
			violations.check(model.users.containsKey(key), "user no file made", key);
		}

		// codes: two per activation, each issued once; the live ones are the user's, the others retired
		Map<Long, long[]> codeCounts = new HashMap<>();
		Map<Long, Set<String>> liveCodes = new HashMap<>();
		try (PreparedStatement statement = SoakDatabase.prepare(connection, """
				select c.user_id, c.code, c.retired_at is null from access_code c
				join app_user u on u.id = c.user_id where u.account_id = ?""", accountId);
				ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				codeCounts.computeIfAbsent(rows.getLong(1), (id) -> new long[1])[0]++;
				if (rows.getBoolean(3)) {
					liveCodes.computeIfAbsent(rows.getLong(1), (id) -> new HashSet<>()).add(rows.getString(2));
				}
			}
		}
		violations.check(SoakDatabase.countOf(connection, """
				select count(*) from access_code c where not exists (select 1 from app_user u where u.id = c.user_id)""")
				== 0, "codes of no user");
		for (Model.User expected : model.users.values()) {
			Stored user = users.get(expected.key);
			if (user == null) {
				continue;
			}
			long issued = codeCounts.getOrDefault(user.id(), new long[1])[0];
			violations.check(issued == 2L * expected.activations, "codes issued",
					expected.email + " has " + issued + " codes for " + expected.activations + " activations");
			Set<String> live = liveCodes.getOrDefault(user.id(), Set.of());
			if (Model.ACTIVE.equals(expected.status)) {
				violations.check(user.hostCode() != null && user.guestCode() != null
						&& !user.hostCode().equals(user.guestCode())
						&& live.equals(Set.of(user.hostCode(), user.guestCode())), "live codes",
						expected.email + " host " + user.hostCode() + " guest " + user.guestCode() + ", live " + live);
			}
			else {
				violations.check(user.hostCode() == null && user.guestCode() == null && live.isEmpty(),
						"retired codes", expected.email + " is " + expected.status + " with live codes " + live);
			}
		}

		// one snapshot per termination, with its reason
		Map<Long, List<String>> snapshots = new HashMap<>();
		try (PreparedStatement statement = SoakDatabase.prepare(connection, """
				select user_id, snapshot->>'reason' from termination_snapshot where account_id = ? order by id""",
				accountId); ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				snapshots.computeIfAbsent(rows.getLong(1), (id) -> new ArrayList<>()).add(rows.getString(2));
			}
		}
		for (Model.User expected : model.users.values()) {
			Stored user = users.get(expected.key);
			if (user != null) {
				List<String> reasons = snapshots.getOrDefault(user.id(), List.of());
				violations.check(reasons.equals(expected.terminations), "termination snapshots",
						expected.email + " has " + reasons + ", should have " + expected.terminations);
			}
		}

		// emails by user, kind and status
		Map<Long, Map<String, Integer>> emails = new HashMap<>();
		try (PreparedStatement statement = SoakDatabase.prepare(connection, """
				select user_id, kind, status, count(*) from email_outbox where account_id = ? group by 1, 2, 3""",
				accountId); ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				emails.computeIfAbsent(rows.getLong(1), (id) -> new TreeMap<>())
					.put(rows.getString(2) + "/" + rows.getString(3), rows.getInt(4));
			}
		}
		for (Model.User expected : model.users.values()) {
			Stored user = users.get(expected.key);
			if (user != null) {
				Map<String, Integer> stored = emails.getOrDefault(user.id(), Map.of());
				violations.check(stored.equals(expected.emails), "emails",
						expected.email + " has " + stored + ", should have " + expected.emails);
			}
		}

		// rooms and delegations
		Map<Long, Integer> rooms = new HashMap<>();
		try (PreparedStatement statement = SoakDatabase.prepare(connection,
				"select user_id, count(*) from meeting_room where account_id = ? group by 1", accountId);
				ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				rooms.put(rows.getLong(1), rows.getInt(2));
			}
		}
		for (Model.User expected : model.users.values()) {
			Stored user = users.get(expected.key);
			if (user != null) {
				int stored = rooms.getOrDefault(user.id(), 0);
				violations.check(stored == expected.rooms, "meeting rooms",
						expected.email + " has " + stored + ", should have " + expected.rooms);
			}
		}
		Set<List<String>> delegations = new HashSet<>();
		try (PreparedStatement statement = SoakDatabase.prepare(connection,
				"select user_id, delegate_id from user_delegate where account_id = ?", accountId);
				ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				delegations.add(List.of(keys.getOrDefault(rows.getLong(1), "?"), keys.getOrDefault(rows.getLong(2), "?")));
			}
		}
		for (List<String> pair : model.delegations) {
			violations.check(delegations.contains(pair), "delegation missing", pair.toString());
		}
		for (List<String> pair : delegations) {
			violations.check(model.delegations.contains(pair), "delegation no file made", pair.toString());
		}
		violations.check(SoakDatabase.countOf(connection, "select count(*) from email_outbox where status = 'SENDING'")
				== 0, "emails left in flight");
	}

}

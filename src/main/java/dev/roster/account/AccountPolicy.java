package dev.roster.account;

import java.util.ArrayList;
import java.util.List;

/**
 * What support staff allow an account through the HTTP door, set in its definition ({@code roster account apply}).
 * Everything is off until turned on.
 *
 * @param jitProvisioning whether the portal may create a user at their first SSO sign-in
 * ({@code jit-provisioning})
 * @param jitActivationEmail whether a user created so is sent an activation email ({@code jit-activation-email},
 * on when provisioning is)
 * @param adminsApproveSyncs whether the account's own admins may approve a sync its guard stopped
 * ({@code admins-approve-syncs}); operators always may
 */
public record AccountPolicy(boolean jitProvisioning, boolean jitActivationEmail, boolean adminsApproveSyncs) {

	public static final AccountPolicy DEFAULT = new AccountPolicy(false, true, false);

	/** What differs in {@code after}, as the command line prints it ({@code jit-provisioning true}). */
	public List<String> changesTo(AccountPolicy after) {
		List<String> changes = new ArrayList<>();
		change(changes, "jit-provisioning", this.jitProvisioning, after.jitProvisioning);
		change(changes, "jit-activation-email", this.jitActivationEmail, after.jitActivationEmail);
		change(changes, "admins-approve-syncs", this.adminsApproveSyncs, after.adminsApproveSyncs);
		return changes;
	}

	private static void change(List<String> changes, String key, boolean before, boolean after) {
		if (before != after) {
			changes.add(key + " " + after);
		}
	}

}

package dev.roster.account;

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

}

-- A login through the identity provider withdraws its own pending access request once the IdP no
-- longer asserts what it asked for (another role, organisation or address, or a role that needs
-- no approval): otherwise a later approval would grant a role the IdP has taken back
-- (src/features/auth/withdraw-stale-idp-requests.ts). envagin_auth may read and add such requests
-- as before, and now also move a pending one, asked by a login, to 'withdrawn' (status and
-- decided_at only): never decide one, never reopen one, never touch one an administrator asked for.
DROP POLICY IF EXISTS access_requests_from_idp ON access_requests;--> statement-breakpoint
CREATE POLICY access_requests_from_idp ON access_requests FOR SELECT TO envagin_auth
  USING (requested_by IS NULL AND oidc_subject IS NOT NULL);--> statement-breakpoint
DROP POLICY IF EXISTS access_requests_from_idp_ask ON access_requests;--> statement-breakpoint
CREATE POLICY access_requests_from_idp_ask ON access_requests FOR INSERT TO envagin_auth
  WITH CHECK (requested_by IS NULL AND oidc_subject IS NOT NULL AND status = 'pending' AND decided_by IS NULL);--> statement-breakpoint
GRANT UPDATE (status, decided_at) ON access_requests TO envagin_auth;--> statement-breakpoint
DROP POLICY IF EXISTS access_requests_from_idp_withdraw ON access_requests;--> statement-breakpoint
CREATE POLICY access_requests_from_idp_withdraw ON access_requests FOR UPDATE TO envagin_auth
  USING (requested_by IS NULL AND oidc_subject IS NOT NULL AND status = 'pending')
  WITH CHECK (requested_by IS NULL AND oidc_subject IS NOT NULL AND status = 'withdrawn' AND decided_by IS NULL);

-- The administration and audit screens leave the engine's role (issue 22 item 6: no query without
-- the reader's context; docs/row-level-security.md). Three more NOLOGIN roles, each entered with
-- the reader's context by src/db/actor-transaction.ts, each with only the tables and columns its
-- screens need and none of the case content tables (cases, case_messages, contact_attempts,
-- case_events, information_requests, …; the auditor reads case numbers only):
--   envagin_access  deciding grants of access and lifting login throttles (admin, the hub's
--                   supervisor, a municipality's manager): accounts, access requests, links
--   envagin_admin   the admin's screens: member of envagin_access, plus every delivery of the
--                   outbox and the webhook endpoints; entered only for the admin reader
--   envagin_audit   the auditor: the whole audit log and disclosure register, names and case numbers
--   envagin_extract the auditor's register extract (GDPR art. 15): the cases of the one person named
--                   in the transaction-local setting envagin.person, and nothing of anyone else's
--   envagin_live    the live stream's catch-up (GET /events with Last-Event-ID): the reader's own
--                   sent live notifications and their organisation's, nothing else of the outbox
-- Roles are cluster-wide: created if missing, granted to the connecting user when not superuser.
DO $$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['envagin_access', 'envagin_admin', 'envagin_audit', 'envagin_extract', 'envagin_live'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', r);
    END IF;
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
      EXECUTE format('GRANT %I TO %I', r, current_user);
    END IF;
  END LOOP;
END
$$;
--> statement-breakpoint
-- An earlier database on the same cluster may have granted them already; start from nothing here.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM envagin_access, envagin_admin, envagin_audit, envagin_extract, envagin_live;
--> statement-breakpoint
GRANT envagin_access TO envagin_admin;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO envagin_access, envagin_audit, envagin_extract, envagin_live;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO envagin_access, envagin_audit, envagin_extract;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO envagin_access, envagin_audit, envagin_extract;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION envagin_audit_chain_head(text) TO envagin_access, envagin_audit, envagin_extract;
--> statement-breakpoint
-- Whether the reader may administer accounts of this organisation: the admin any; the hub's
-- supervisor their own organisation; a municipality's manager the organisations of their
-- municipality (src/policies/access-requests.ts, src/policies/unlock.ts).
CREATE OR REPLACE FUNCTION envagin_account_scope(account_org text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT CASE current_setting('envagin.role', true)
    WHEN 'admin' THEN true
    WHEN 'hub.supervisor' THEN account_org = current_setting('envagin.org_id', true)
    WHEN 'municipality.manager' THEN EXISTS (
      SELECT 1 FROM organisations o
       WHERE o.id = account_org AND o.municipality_code = nullif(current_setting('envagin.municipality_code', true), ''))
    ELSE false
  END
$$;
--> statement-breakpoint
-- ── envagin_access ──
GRANT SELECT ON organisations, municipalities TO envagin_access;
--> statement-breakpoint
CREATE POLICY organisations_access_read ON organisations FOR SELECT TO envagin_access USING (true);
--> statement-breakpoint
-- Accounts: never the password hash or the one-time-code secret (the secret may be cleared).
-- INSERT is table-wide because an insert names every column; a new account has no password.
GRANT SELECT (id, username, display_name, role, org_id, is_demo, disabled_at, email, oidc_issuer, oidc_subject,
              totp_enabled_at, failed_login_count, locked_until, language, created_at, updated_at),
      INSERT,
      UPDATE (display_name, email, role, org_id, disabled_at, updated_at, locked_until, failed_login_count, totp_secret, totp_enabled_at)
   ON users TO envagin_access;
--> statement-breakpoint
-- Every account is read (a decision loads the target before it is authorized, so another
-- organisation's answers FORBIDDEN, not NOT_FOUND); an account is created or left changed only
-- within the reader's scope.
CREATE POLICY users_access_read ON users FOR SELECT TO envagin_access USING (true);
--> statement-breakpoint
CREATE POLICY users_access_insert ON users FOR INSERT TO envagin_access WITH CHECK (envagin_account_scope(org_id));
--> statement-breakpoint
CREATE POLICY users_access_update ON users FOR UPDATE TO envagin_access USING (true) WITH CHECK (envagin_account_scope(org_id));
--> statement-breakpoint
-- Ending a user's sessions (a disabled account, a new role or organisation): the revocation only.
GRANT SELECT (user_id, revoked_at), UPDATE (revoked_at) ON sessions TO envagin_access;
--> statement-breakpoint
CREATE POLICY sessions_access_read ON sessions FOR SELECT TO envagin_access USING (true);
--> statement-breakpoint
CREATE POLICY sessions_access_end ON sessions FOR UPDATE TO envagin_access USING (true) WITH CHECK (revoked_at IS NOT NULL);
--> statement-breakpoint
-- Lifting a login throttle forgets the user's rows.
GRANT SELECT (key_hash, user_hash), DELETE ON login_throttles TO envagin_access;
--> statement-breakpoint
CREATE POLICY login_throttles_access_read ON login_throttles FOR SELECT TO envagin_access USING (true);
--> statement-breakpoint
CREATE POLICY login_throttles_access_lift ON login_throttles FOR DELETE TO envagin_access USING (true);
--> statement-breakpoint
-- Invitation and reset links: never the token's hash; a new link ends the earlier ones.
GRANT SELECT (id, user_id, purpose, expires_at, used_at, created_by, created_at), INSERT, UPDATE (expires_at) ON password_links TO envagin_access;
--> statement-breakpoint
CREATE POLICY password_links_access_read ON password_links FOR SELECT TO envagin_access USING (true);
--> statement-breakpoint
CREATE POLICY password_links_access_issue ON password_links FOR INSERT TO envagin_access
  WITH CHECK (created_by::text = current_setting('envagin.user_id', true));
--> statement-breakpoint
CREATE POLICY password_links_access_end ON password_links FOR UPDATE TO envagin_access USING (used_at IS NULL) WITH CHECK (used_at IS NULL);
--> statement-breakpoint
-- Access requests: asked in the reader's own name; decided by the reader, within their scope, and
-- never by the person who asked or whose account it is (four eyes, a second time).
GRANT SELECT, INSERT, UPDATE (status, decided_by, decided_at, user_id) ON access_requests TO envagin_access;
--> statement-breakpoint
CREATE POLICY access_requests_access_read ON access_requests FOR SELECT TO envagin_access USING (true);
--> statement-breakpoint
CREATE POLICY access_requests_access_ask ON access_requests FOR INSERT TO envagin_access
  WITH CHECK (requested_by::text = current_setting('envagin.user_id', true) AND status = 'pending');
--> statement-breakpoint
-- USING (true): the decision loads the request FOR UPDATE first, and a decided one answers
-- INVALID_STATE, not NOT_FOUND; the update itself changes pending rows only.
CREATE POLICY access_requests_access_decide ON access_requests FOR UPDATE TO envagin_access
  USING (true)
  WITH CHECK (decided_by::text = current_setting('envagin.user_id', true)
              AND requested_by IS DISTINCT FROM decided_by
              AND (kind = 'create' OR user_id IS DISTINCT FROM decided_by)
              AND envagin_account_scope(org_id));
--> statement-breakpoint
-- The audit row of every change, and the alert to the organisation's managers (as the reader's role).
GRANT INSERT ON audit_log TO envagin_access;
--> statement-breakpoint
CREATE POLICY audit_log_access_append ON audit_log FOR INSERT TO envagin_access WITH CHECK (true);
--> statement-breakpoint
GRANT INSERT, SELECT (id) ON outbox TO envagin_access;
--> statement-breakpoint
CREATE POLICY outbox_access_append ON outbox FOR INSERT TO envagin_access WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY outbox_access_ids ON outbox FOR SELECT TO envagin_access USING (true);
--> statement-breakpoint
GRANT SELECT (user_id, channel, enabled, address) ON notification_preferences TO envagin_access;
--> statement-breakpoint
CREATE POLICY notification_preferences_access_read ON notification_preferences FOR SELECT TO envagin_access USING (true);
--> statement-breakpoint
GRANT SELECT (id, org_id, active) ON webhook_endpoints TO envagin_access;
--> statement-breakpoint
-- An organisation's shared mailboxes receive its alerts too (src/jobs/notify.ts).
GRANT SELECT ON contact_points TO envagin_access;
--> statement-breakpoint
CREATE POLICY contact_points_access_read ON contact_points FOR SELECT TO envagin_access USING (true);
--> statement-breakpoint
-- ── envagin_admin (and everything of envagin_access) ──
-- Every delivery with its recipient, payload and attempts, for the admin reader only.
GRANT SELECT ON outbox, outbox_attempts TO envagin_admin;
--> statement-breakpoint
CREATE POLICY outbox_admin_read ON outbox AS RESTRICTIVE FOR SELECT TO envagin_admin
  USING (current_setting('envagin.role', true) = 'admin');
--> statement-breakpoint
CREATE POLICY outbox_attempts_admin_read ON outbox_attempts FOR SELECT TO envagin_admin
  USING (current_setting('envagin.role', true) = 'admin');
--> statement-breakpoint
-- A user account is created, changed or reset from the admin's screens by the admin only.
CREATE POLICY users_admin_only ON users AS RESTRICTIVE FOR UPDATE TO envagin_admin
  USING (current_setting('envagin.role', true) = 'admin');
--> statement-breakpoint
-- Webhook endpoints (no row-level security: no personal data; the secret is sealed).
GRANT SELECT, INSERT, UPDATE ON webhook_endpoints TO envagin_admin;
--> statement-breakpoint
-- ── envagin_audit ──
GRANT SELECT ON organisations, municipalities TO envagin_audit;
--> statement-breakpoint
CREATE POLICY organisations_audit_read ON organisations FOR SELECT TO envagin_audit USING (true);
--> statement-breakpoint
-- Names for the log's actors and subjects, and the search by name.
GRANT SELECT (id, username, display_name) ON users TO envagin_audit;
--> statement-breakpoint
CREATE POLICY users_audit_read ON users FOR SELECT TO envagin_audit USING (current_setting('envagin.role', true) = 'auditor');
--> statement-breakpoint
-- A case's number for its log rows (and the search by number): nothing else of the case.
GRANT SELECT (id, number) ON cases TO envagin_audit;
--> statement-breakpoint
CREATE POLICY cases_audit_numbers ON cases FOR SELECT TO envagin_audit USING (current_setting('envagin.role', true) = 'auditor');
--> statement-breakpoint
-- The whole log, read by the auditor, and appended to (every read of it is itself logged).
GRANT SELECT, INSERT ON audit_log TO envagin_audit;
--> statement-breakpoint
CREATE POLICY audit_log_audit_read ON audit_log FOR SELECT TO envagin_audit USING (current_setting('envagin.role', true) = 'auditor');
--> statement-breakpoint
CREATE POLICY audit_log_audit_append ON audit_log FOR INSERT TO envagin_audit WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT ON disclosures TO envagin_audit;
--> statement-breakpoint
CREATE POLICY disclosures_audit_read ON disclosures FOR SELECT TO envagin_audit USING (current_setting('envagin.role', true) = 'auditor');
--> statement-breakpoint
-- ── envagin_extract ──
-- Every column of the named person's cases (the extract shows what is recorded about them), for
-- the auditor only; no row of anyone else's case.
GRANT SELECT ON cases TO envagin_extract;
--> statement-breakpoint
CREATE POLICY cases_extract_person ON cases FOR SELECT TO envagin_extract
  USING (current_setting('envagin.role', true) = 'auditor'
         AND identity_number = nullif(current_setting('envagin.person', true), ''));
--> statement-breakpoint
-- How many questions and contact attempts those cases have: the case ids only, never their text.
GRANT SELECT (case_id) ON case_messages, contact_attempts TO envagin_extract;
--> statement-breakpoint
CREATE POLICY case_messages_extract_count ON case_messages FOR SELECT TO envagin_extract USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
--> statement-breakpoint
CREATE POLICY contact_attempts_extract_count ON contact_attempts FOR SELECT TO envagin_extract USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
--> statement-breakpoint
GRANT SELECT ON organisations TO envagin_extract;
--> statement-breakpoint
CREATE POLICY organisations_extract_read ON organisations FOR SELECT TO envagin_extract USING (true);
--> statement-breakpoint
-- The extract is itself logged: a read of each case, and the extract's own row.
GRANT INSERT ON audit_log TO envagin_extract;
--> statement-breakpoint
CREATE POLICY audit_log_extract_append ON audit_log FOR INSERT TO envagin_extract WITH CHECK (true);
--> statement-breakpoint
-- ── envagin_live ──
-- What the live stream missed: the reader's sent live notifications, addressed to them or to their
-- organisation (src/features/notifications/events-route.ts). The policy is the filter again.
GRANT SELECT (live_seq, channel, status, recipient, payload, created_at) ON outbox TO envagin_live;
--> statement-breakpoint
CREATE POLICY outbox_live_own ON outbox FOR SELECT TO envagin_live
  USING (channel = 'sse' AND status = 'sent'
         AND (recipient->>'userId' = current_setting('envagin.user_id', true)
              OR recipient->>'orgId' = current_setting('envagin.org_id', true)));

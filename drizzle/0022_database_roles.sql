-- Three database roles, each with only what its work needs, and row-level security on every table
-- that holds personal data (docs/row-level-security.md). No application query runs as the owner:
--   envagin_app    request handling under the reader's context (envagin.* settings, set per
--                  transaction by src/db/actor-transaction.ts); sees rows through policies only.
--   envagin_auth   log-in, one-time codes, session lookup and log-out: users, sessions, throttles.
--   envagin_system the engine, jobs, CLI and every connection's default role
--                  (src/db/client.ts); sees all rows but may never change or remove audit rows.
-- Every statement is idempotent: the roles are cluster-wide and each database runs this once.
DO $$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['envagin_app', 'envagin_auth', 'envagin_system'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', r);
    END IF;
    -- The connecting user must be able to SET ROLE to each (superusers always can).
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
      EXECUTE format('GRANT %I TO %I', r, current_user);
    END IF;
  END LOOP;
END
$$;
--> statement-breakpoint
-- Start from nothing: 0006 gave envagin_app every table and every future one.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM envagin_app, envagin_auth, envagin_system;
--> statement-breakpoint
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM envagin_app, envagin_auth, envagin_system;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM envagin_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM envagin_app;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO envagin_app, envagin_auth, envagin_system;
--> statement-breakpoint
-- The engine creates each year's case-number sequence on the year's first report.
GRANT CREATE ON SCHEMA public TO envagin_system;
--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO envagin_app, envagin_auth, envagin_system;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES FOR ROLE envagin_system IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO envagin_app;
--> statement-breakpoint
-- A table added later works for the engine at once, and for the reader's role only once a
-- migration grants it and covers it (src/db/row-level-security.test.ts fails until then).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO envagin_system;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO envagin_app, envagin_auth, envagin_system;
--> statement-breakpoint
-- Readiness compares applied migrations with those shipped, on the application's connection.
GRANT USAGE ON SCHEMA drizzle TO envagin_system;
--> statement-breakpoint
GRANT SELECT ON drizzle.__drizzle_migrations TO envagin_system;
--> statement-breakpoint
-- ── envagin_system: everything, but the audit log only grows ──
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO envagin_system;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM envagin_system;
--> statement-breakpoint
-- ── envagin_app: the reader's role ──
-- Reference data without personal data (the allowlist in src/db/row-level-security.test.ts).
GRANT SELECT ON organisations, municipalities, intake_units, jour_groups, agreements, escalation_policies, directory_revision TO envagin_app;
--> statement-breakpoint
-- The case and everything hanging off it: rows through the case policies below.
GRANT SELECT, INSERT, UPDATE ON cases, case_messages, case_facts, deadlines TO envagin_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON case_events, contact_attempts, case_message_reads TO envagin_app;
--> statement-breakpoint
-- The directory's contact points and on-call members are shown to every signed-in reader.
GRANT SELECT ON contact_points, jour_memberships TO envagin_app;
--> statement-breakpoint
-- Notifications written with a change: the recipients' organisation, role and address, never a
-- password hash, one-time-code secret or lock state; the outbox row's id back, nothing else.
GRANT SELECT (id, org_id, role, display_name, email, disabled_at) ON users TO envagin_app;
--> statement-breakpoint
GRANT SELECT (user_id, channel, enabled, address) ON notification_preferences TO envagin_app;
--> statement-breakpoint
GRANT SELECT (id, org_id, active) ON webhook_endpoints TO envagin_app;
--> statement-breakpoint
GRANT INSERT, SELECT (id) ON outbox TO envagin_app;
--> statement-breakpoint
-- The audit log: append, and read a visible case's clock history (the case view); chain heads
-- come from envagin_audit_chain_head below.
GRANT INSERT, SELECT (id, at, action, details, subject_type, subject_id) ON audit_log TO envagin_app;
--> statement-breakpoint
-- ── envagin_auth: log-in and sessions ──
GRANT SELECT ON organisations, municipalities TO envagin_auth;
--> statement-breakpoint
-- Accounts provisioned from the identity provider are created at their first log-in.
GRANT SELECT, INSERT, UPDATE ON users TO envagin_auth;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions, login_rate_windows, login_throttles TO envagin_auth;
--> statement-breakpoint
-- Append, and read one's own one-time-code steps (a code is never accepted twice).
GRANT INSERT, SELECT (id, actor_user_id, action, details) ON audit_log TO envagin_auth;
--> statement-breakpoint
GRANT INSERT, SELECT (id) ON outbox TO envagin_auth;
--> statement-breakpoint
GRANT SELECT (user_id, channel, enabled, address) ON notification_preferences TO envagin_auth;
--> statement-breakpoint
GRANT SELECT (id, org_id, active) ON webhook_endpoints TO envagin_auth;
--> statement-breakpoint
GRANT SELECT ON contact_points TO envagin_auth;
--> statement-breakpoint
-- ── Row-level security on every table with personal data ──
-- The engine sees every row of every covered table; the reader's and the log-in role's rows follow.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'sessions', 'login_rate_windows', 'login_throttles', 'audit_log', 'directory_changes',
                           'contact_points', 'jour_memberships', 'cases', 'case_events', 'case_messages', 'case_message_reads',
                           'contact_attempts', 'case_facts', 'deadlines', 'outbox', 'outbox_attempts', 'notification_preferences'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS %I ON %I', t || '_system', t);
    EXECUTE format('CREATE POLICY %I ON %I TO envagin_system USING (true) WITH CHECK (true)', t || '_system', t);
  END LOOP;
END
$$;
--> statement-breakpoint
-- The tables hanging off a case follow the case's own policy (0006): a reader sees and writes
-- them only for a case they can see.
CREATE POLICY case_message_reads_scope ON case_message_reads TO envagin_app
  USING (EXISTS (SELECT 1 FROM case_messages m WHERE m.id = message_id))
  WITH CHECK (EXISTS (SELECT 1 FROM case_messages m WHERE m.id = message_id) AND user_id::text = current_setting('envagin.user_id', true));
--> statement-breakpoint
CREATE POLICY case_facts_scope ON case_facts TO envagin_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id)) WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
--> statement-breakpoint
CREATE POLICY deadlines_scope ON deadlines TO envagin_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id)) WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
--> statement-breakpoint
-- Columns are limited by the grants above; these rows are the ones a change may notify.
CREATE POLICY users_recipients ON users FOR SELECT TO envagin_app USING (disabled_at IS NULL OR id::text = current_setting('envagin.user_id', true));
--> statement-breakpoint
CREATE POLICY notification_preferences_recipients ON notification_preferences FOR SELECT TO envagin_app USING (true);
--> statement-breakpoint
CREATE POLICY contact_points_read ON contact_points FOR SELECT TO envagin_app, envagin_auth USING (true);
--> statement-breakpoint
CREATE POLICY jour_memberships_read ON jour_memberships FOR SELECT TO envagin_app USING (true);
--> statement-breakpoint
-- Outbox and audit rows are written by the reader's change; their content is not readable back.
CREATE POLICY outbox_append ON outbox FOR INSERT TO envagin_app, envagin_auth WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY outbox_own_ids ON outbox FOR SELECT TO envagin_app, envagin_auth USING (true);
--> statement-breakpoint
CREATE POLICY audit_log_append ON audit_log FOR INSERT TO envagin_app, envagin_auth WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY audit_log_case_clocks ON audit_log FOR SELECT TO envagin_app
  USING (subject_type = 'case' AND action LIKE 'deadline.%' AND EXISTS (SELECT 1 FROM cases c WHERE c.id::text = subject_id));
--> statement-breakpoint
CREATE POLICY audit_log_mfa_steps ON audit_log FOR SELECT TO envagin_auth USING (action = 'auth.mfa_verified');
--> statement-breakpoint
-- Linking a new row needs its chain's last hash, which no role below the engine may read
-- directly: this function, run as the owner, returns that one value and nothing else.
CREATE OR REPLACE FUNCTION envagin_audit_chain_head(key text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT a.hash FROM audit_log a WHERE a.chain_key = key ORDER BY a.id DESC LIMIT 1
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION envagin_audit_chain_head(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION envagin_audit_chain_head(text) TO envagin_app, envagin_auth, envagin_system;
--> statement-breakpoint
-- The log-in role looks users up by name before anyone is signed in, and keeps their sessions.
CREATE POLICY users_auth ON users TO envagin_auth USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY sessions_auth ON sessions TO envagin_auth USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY notification_preferences_auth ON notification_preferences FOR SELECT TO envagin_auth USING (true);
--> statement-breakpoint
CREATE POLICY login_rate_windows_auth ON login_rate_windows TO envagin_auth USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY login_throttles_auth ON login_throttles TO envagin_auth USING (true) WITH CHECK (true);

-- Issue 22 item 6: requests on behalf of a signed-in reader run as envagin_app with the reader's
-- context (src/db/actor-transaction.ts), never as the engine. The reader's role may now do what
-- those handlers need, and the policies let the reader's role (envagin.role) or own account
-- (envagin.user_id) decide which rows. See docs/row-level-security.md.

-- ── The own account: language (PUT /me/language) and notification channels ──
GRANT SELECT (language, updated_at), UPDATE (language, updated_at) ON users TO envagin_app;--> statement-breakpoint
DROP POLICY IF EXISTS users_own_update ON users;--> statement-breakpoint
CREATE POLICY users_own_update ON users FOR UPDATE TO envagin_app
  USING (id::text = current_setting('envagin.user_id', true))
  WITH CHECK (id::text = current_setting('envagin.user_id', true));--> statement-breakpoint
GRANT INSERT, UPDATE ON notification_preferences TO envagin_app;--> statement-breakpoint
DROP POLICY IF EXISTS notification_preferences_own_insert ON notification_preferences;--> statement-breakpoint
CREATE POLICY notification_preferences_own_insert ON notification_preferences FOR INSERT TO envagin_app
  WITH CHECK (user_id::text = current_setting('envagin.user_id', true));--> statement-breakpoint
DROP POLICY IF EXISTS notification_preferences_own_update ON notification_preferences;--> statement-breakpoint
CREATE POLICY notification_preferences_own_update ON notification_preferences FOR UPDATE TO envagin_app
  USING (user_id::text = current_setting('envagin.user_id', true))
  WITH CHECK (user_id::text = current_setting('envagin.user_id', true));--> statement-breakpoint

-- ── Statistics: the de-identified case facts, county-wide, for the roles that read statistics ──
DROP POLICY IF EXISTS case_facts_statistics ON case_facts;--> statement-breakpoint
CREATE POLICY case_facts_statistics ON case_facts FOR SELECT TO envagin_app
  USING (current_setting('envagin.role', true) IN ('analyst', 'municipality.manager'));--> statement-breakpoint

-- ── Reference data the administrator edits: every reader reads it, only an admin writes it ──
-- Under row-level security from now on (so off the allowlist of src/db/row-level-security.test.ts):
-- the grant lets the reader's role write, the policy lets only an admin reader do so.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['organisations', 'intake_units', 'jour_groups', 'agreements', 'escalation_policies', 'directory_revision'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS %I ON %I', t || '_system', t);
    EXECUTE format('CREATE POLICY %I ON %I TO envagin_system USING (true) WITH CHECK (true)', t || '_system', t);
    EXECUTE format('DROP POLICY IF EXISTS %I ON %I', t || '_read', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT TO envagin_app, envagin_auth USING (true)', t || '_read', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['organisations', 'intake_units', 'jour_groups', 'agreements', 'escalation_policies', 'directory_revision', 'contact_points', 'jour_memberships'] LOOP
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %I TO envagin_app', t);
    EXECUTE format('DROP POLICY IF EXISTS %I ON %I', t || '_admin_insert', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR INSERT TO envagin_app WITH CHECK (current_setting(''envagin.role'', true) = ''admin'')', t || '_admin_insert', t);
    EXECUTE format('DROP POLICY IF EXISTS %I ON %I', t || '_admin_update', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR UPDATE TO envagin_app USING (current_setting(''envagin.role'', true) = ''admin'') WITH CHECK (current_setting(''envagin.role'', true) = ''admin'')', t || '_admin_update', t);
    EXECUTE format('DROP POLICY IF EXISTS %I ON %I', t || '_admin_delete', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR DELETE TO envagin_app USING (current_setting(''envagin.role'', true) = ''admin'')', t || '_admin_delete', t);
  END LOOP;
END $$;--> statement-breakpoint

-- ── The directory's history: written with every directory change (by an admin), read by those
-- who follow it (admin, auditor, the hub's supervisor) ──
GRANT SELECT, INSERT ON directory_changes TO envagin_app;--> statement-breakpoint
DROP POLICY IF EXISTS directory_changes_admin_insert ON directory_changes;--> statement-breakpoint
CREATE POLICY directory_changes_admin_insert ON directory_changes FOR INSERT TO envagin_app
  WITH CHECK (current_setting('envagin.role', true) = 'admin');--> statement-breakpoint
DROP POLICY IF EXISTS directory_changes_history ON directory_changes;--> statement-breakpoint
CREATE POLICY directory_changes_history ON directory_changes FOR SELECT TO envagin_app
  USING (current_setting('envagin.role', true) IN ('admin', 'auditor', 'hub.supervisor'));--> statement-breakpoint

-- ── Denied reads of a case (src/features/cases/audit-denied-access.ts) are written in the
-- reader's own transaction; counting the burst reads that reader's own denials, nothing else ──
GRANT SELECT (actor_user_id) ON audit_log TO envagin_app;--> statement-breakpoint
DROP POLICY IF EXISTS audit_log_own_denials ON audit_log;--> statement-breakpoint
CREATE POLICY audit_log_own_denials ON audit_log FOR SELECT TO envagin_app
  USING (action = 'case.access_denied' AND actor_user_id::text = current_setting('envagin.user_id', true));
;--> statement-breakpoint

-- ── A transition that moves a case out of the reader's own sight (a municipality refusing a
-- handover, src/features/cases/apply-transition.ts): PostgreSQL checks the updated row against
-- the SELECT policy too. The application names that one case in a transaction-local setting
-- after loading, locking and checking it under the reader's policy; it stays visible and
-- updatable for the rest of that transaction only (it used to switch to envagin_system) ──
DROP POLICY IF EXISTS cases_leaving ON cases;--> statement-breakpoint
CREATE POLICY cases_leaving ON cases FOR SELECT TO envagin_app
  USING (id::text = current_setting('envagin.leaving_case_id', true));--> statement-breakpoint
DROP POLICY IF EXISTS cases_leaving_update ON cases;--> statement-breakpoint
CREATE POLICY cases_leaving_update ON cases FOR UPDATE TO envagin_app
  USING (id::text = current_setting('envagin.leaving_case_id', true))
  WITH CHECK (id::text = current_setting('envagin.leaving_case_id', true));

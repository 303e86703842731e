-- Row-level security on the case tables: a second line of defence behind the application's own
-- scope (src/policies/cases.ts). The application runs each case transaction as the role
-- envagin_app with the reader's role, organisation and municipality in transaction-local
-- settings; a query that forgot its filter still sees only what that reader may see.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'envagin_app') THEN
    CREATE ROLE envagin_app NOLOGIN;
  END IF;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  -- The connecting user must be able to SET ROLE envagin_app (superusers always can).
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT envagin_app TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO envagin_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO envagin_app;
--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO envagin_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO envagin_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO envagin_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION envagin_case_visible(reporter_org text, handover_org text, accepted_org text, responsible_code text, handover_started timestamptz)
RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT CASE current_setting('envagin.role', true)
    WHEN 'system' THEN true
    WHEN 'hub.handler' THEN current_setting('envagin.org_kind', true) = 'hub'
    WHEN 'hub.supervisor' THEN current_setting('envagin.org_kind', true) = 'hub'
    WHEN 'police.reporter' THEN reporter_org = current_setting('envagin.org_id', true)
    WHEN 'municipality.intake' THEN handover_org = current_setting('envagin.org_id', true)
      OR accepted_org = current_setting('envagin.org_id', true)
      OR (handover_started IS NOT NULL AND responsible_code = nullif(current_setting('envagin.municipality_code', true), ''))
    WHEN 'municipality.manager' THEN handover_org = current_setting('envagin.org_id', true)
      OR accepted_org = current_setting('envagin.org_id', true)
      OR (handover_started IS NOT NULL AND responsible_code = nullif(current_setting('envagin.municipality_code', true), ''))
    ELSE false
  END
$$;
--> statement-breakpoint
ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY cases_read ON cases FOR SELECT TO envagin_app
  USING (envagin_case_visible(reporter_org_id, handover_org_id, accepted_by_org_id, responsible_municipality_code, handover_started_at));
--> statement-breakpoint
CREATE POLICY cases_insert ON cases FOR INSERT TO envagin_app
  WITH CHECK (current_setting('envagin.role', true) = 'police.reporter' AND reporter_org_id = current_setting('envagin.org_id', true));
--> statement-breakpoint
-- A refusal moves the case out of the refusing side's sight, so the new row is not re-checked.
CREATE POLICY cases_update ON cases FOR UPDATE TO envagin_app
  USING (envagin_case_visible(reporter_org_id, handover_org_id, accepted_by_org_id, responsible_municipality_code, handover_started_at))
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE case_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_events_scope ON case_events TO envagin_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id)) WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
--> statement-breakpoint
ALTER TABLE case_messages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_messages_scope ON case_messages TO envagin_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id)) WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
--> statement-breakpoint
ALTER TABLE contact_attempts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY contact_attempts_scope ON contact_attempts TO envagin_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id)) WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));

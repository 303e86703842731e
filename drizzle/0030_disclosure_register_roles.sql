-- The disclosure register (0027) under the roles of 0022 (docs/row-level-security.md). It is a
-- record of what was disclosed, like the audit log: nobody changes or removes a row, not even the
-- engine. The reader's role only appends, and only as itself (the operation that discloses runs
-- in the discloser's transaction); it reads nothing back. The auditor's list runs as the engine's
-- role after the route's own authorization (src/features/disclosures/routes.ts).
ALTER TABLE disclosures ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON disclosures FROM envagin_system;--> statement-breakpoint
CREATE POLICY disclosures_system ON disclosures TO envagin_system USING (true) WITH CHECK (true);--> statement-breakpoint
GRANT INSERT ON disclosures TO envagin_app;--> statement-breakpoint
CREATE POLICY disclosures_append ON disclosures FOR INSERT TO envagin_app
  WITH CHECK (actor_user_id::text = current_setting('envagin.user_id', true));

-- The legal grounds an information request may cite (0031) are reference data the administrator
-- keeps, like the directory (0033): every reader reads them, only an admin reader writes them,
-- each on the reader's own context (docs/row-level-security.md). The engine keeps its own policy.
ALTER TABLE legal_grounds ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS legal_grounds_system ON legal_grounds;--> statement-breakpoint
CREATE POLICY legal_grounds_system ON legal_grounds TO envagin_system USING (true) WITH CHECK (true);--> statement-breakpoint
DROP POLICY IF EXISTS legal_grounds_read ON legal_grounds;--> statement-breakpoint
CREATE POLICY legal_grounds_read ON legal_grounds FOR SELECT TO envagin_app USING (true);--> statement-breakpoint
GRANT INSERT, UPDATE ON legal_grounds TO envagin_app;--> statement-breakpoint
DROP POLICY IF EXISTS legal_grounds_admin_insert ON legal_grounds;--> statement-breakpoint
CREATE POLICY legal_grounds_admin_insert ON legal_grounds FOR INSERT TO envagin_app
  WITH CHECK (current_setting('envagin.role', true) = 'admin');--> statement-breakpoint
DROP POLICY IF EXISTS legal_grounds_admin_update ON legal_grounds;--> statement-breakpoint
CREATE POLICY legal_grounds_admin_update ON legal_grounds FOR UPDATE TO envagin_app
  USING (current_setting('envagin.role', true) = 'admin')
  WITH CHECK (current_setting('envagin.role', true) = 'admin');

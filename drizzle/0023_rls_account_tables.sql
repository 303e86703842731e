-- The account tables of the four-eyes flow (0021) hold who asked for whose access and each
-- account's pending password links: personal data, so under row-level security like every
-- other such table (0022). Only the engine role works with them (user administration runs as
-- envagin_system); the reader's and the log-in roles get neither grant nor policy.
ALTER TABLE access_requests ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS access_requests_system ON access_requests;--> statement-breakpoint
CREATE POLICY access_requests_system ON access_requests TO envagin_system USING (true) WITH CHECK (true);--> statement-breakpoint
ALTER TABLE password_links ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS password_links_system ON password_links;--> statement-breakpoint
CREATE POLICY password_links_system ON password_links TO envagin_system USING (true) WITH CHECK (true);--> statement-breakpoint
REVOKE ALL ON access_requests, password_links FROM envagin_app, envagin_auth;

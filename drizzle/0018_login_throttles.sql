CREATE TABLE "login_throttles" (
	"key_hash" text PRIMARY KEY NOT NULL,
	"user_hash" text NOT NULL,
	"failures" integer NOT NULL,
	"last_attempt_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "login_throttles_user_idx" ON "login_throttles" USING btree ("user_hash");--> statement-breakpoint
-- Accounts no longer lock for everyone (issue 22, item 10): locks set before are lifted.
UPDATE "users" SET "locked_until" = NULL, "failed_login_count" = 0 WHERE "locked_until" IS NOT NULL;
--> statement-breakpoint
-- A privilege change (role or organisation) ends the user's live sessions whatever path made it
-- (the admin API, an approval, an IdP's claims at login): a token issued under the old
-- privileges never carries the new ones. The login that follows issues a new token.
CREATE OR REPLACE FUNCTION envagin_end_sessions_on_privilege_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE sessions SET revoked_at = now() WHERE user_id = NEW.id AND revoked_at IS NULL;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER users_privilege_change_ends_sessions
  AFTER UPDATE OF role, org_id ON users
  FOR EACH ROW
  WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.org_id IS DISTINCT FROM NEW.org_id)
  EXECUTE FUNCTION envagin_end_sessions_on_privilege_change();

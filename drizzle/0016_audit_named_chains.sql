-- The audit log's chains get names (chain_key) instead of numbers 0-15, and each row says how its
-- hash was computed (hash_version, src/audit/audit-hash.ts). Existing rows keep their chain as
-- 'legacy-<number>' and their hashes as they are (version 1 hashes the number): nothing they
-- were hashed over changes, so they verify as before. The append-only trigger is set aside for
-- this one statement only, inside the migration's transaction.
DROP INDEX "audit_log_chain_idx";--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "chain_key" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash_version" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_append_only";--> statement-breakpoint
UPDATE "audit_log" SET "chain_key" = 'legacy-' || "chain";--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_append_only";--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "chain_key" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash_version" DROP DEFAULT;--> statement-breakpoint
CREATE INDEX "audit_log_chain_idx" ON "audit_log" USING btree ("chain_key","id");

DROP INDEX "cases_identity_idx";--> statement-breakpoint
CREATE INDEX "cases_identity_status_idx" ON "cases" USING btree ("identity_number","status","received_at");
DROP INDEX "cases_queue_idx";--> statement-breakpoint
DROP INDEX "cases_municipality_idx";--> statement-breakpoint
DROP INDEX "cases_handover_org_idx";--> statement-breakpoint
DROP INDEX "cases_accepted_org_idx";--> statement-breakpoint
CREATE INDEX "cases_municipality_history_idx" ON "cases" USING btree ("responsible_municipality_code","received_at","id") WHERE "cases"."handover_started_at" is not null;--> statement-breakpoint
CREATE INDEX "cases_handover_org_history_idx" ON "cases" USING btree ("handover_org_id","received_at","id") WHERE "cases"."handover_org_id" is not null;--> statement-breakpoint
CREATE INDEX "cases_accepted_org_history_idx" ON "cases" USING btree ("accepted_by_org_id","received_at","id") WHERE "cases"."accepted_by_org_id" is not null;--> statement-breakpoint
CREATE INDEX "cases_municipality_idx" ON "cases" USING btree ("responsible_municipality_code","status","received_at","id") WHERE "cases"."responsible_municipality_code" is not null;--> statement-breakpoint
CREATE INDEX "cases_handover_org_idx" ON "cases" USING btree ("handover_org_id","status","received_at","id") WHERE "cases"."handover_org_id" is not null;--> statement-breakpoint
CREATE INDEX "cases_accepted_org_idx" ON "cases" USING btree ("accepted_by_org_id","status","received_at","id") WHERE "cases"."accepted_by_org_id" is not null;
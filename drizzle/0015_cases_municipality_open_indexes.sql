-- A municipality's open list reads each way a case can be its (handed over to it, accepted by it,
-- its own) through an index holding only open cases, by age. The (way, status, age) indexes left
-- the planner a choice, and with a backlog of unclaimed reports making "open" look common it
-- walked the municipality's whole history instead, stepping over thousands of closed cases.
DROP INDEX "cases_municipality_idx";--> statement-breakpoint
DROP INDEX "cases_handover_org_idx";--> statement-breakpoint
DROP INDEX "cases_accepted_org_idx";--> statement-breakpoint
CREATE INDEX "cases_municipality_open_idx" ON "cases" USING btree ("responsible_municipality_code","received_at","id") WHERE "cases"."handover_started_at" is not null and "cases"."status" in ('received', 'triage', 'handover_pending', 'accepted', 'own');--> statement-breakpoint
CREATE INDEX "cases_handover_org_open_idx" ON "cases" USING btree ("handover_org_id","received_at","id") WHERE "cases"."handover_org_id" is not null and "cases"."status" in ('received', 'triage', 'handover_pending', 'accepted', 'own');--> statement-breakpoint
CREATE INDEX "cases_accepted_org_open_idx" ON "cases" USING btree ("accepted_by_org_id","received_at","id") WHERE "cases"."accepted_by_org_id" is not null and "cases"."status" in ('received', 'triage', 'handover_pending', 'accepted', 'own');
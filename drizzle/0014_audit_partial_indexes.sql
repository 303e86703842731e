DROP INDEX "audit_log_actor_idx";--> statement-breakpoint
DROP INDEX "audit_log_person_idx";--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id","at") WHERE "audit_log"."actor_user_id" is not null;--> statement-breakpoint
CREATE INDEX "audit_log_person_idx" ON "audit_log" USING btree (("details"->>'person')) WHERE ("audit_log"."details"->>'person') is not null;
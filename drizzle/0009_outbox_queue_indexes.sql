DROP INDEX "outbox_ready_idx";--> statement-breakpoint
CREATE INDEX "outbox_live_due_idx" ON "outbox" USING btree ("next_attempt_at","id") WHERE "outbox"."status" in ('pending', 'failed') and "outbox"."channel" = 'sse';--> statement-breakpoint
CREATE INDEX "outbox_send_due_idx" ON "outbox" USING btree ("next_attempt_at","id") WHERE "outbox"."status" in ('pending', 'failed') and "outbox"."channel" in ('email', 'webhook');--> statement-breakpoint
CREATE INDEX "outbox_leases_idx" ON "outbox" USING btree ("sending_until") WHERE "outbox"."status" = 'sending';
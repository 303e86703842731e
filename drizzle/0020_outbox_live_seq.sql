CREATE SEQUENCE "public"."outbox_live_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "live_seq" bigint;--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_live_seq_uq" ON "outbox" USING btree ("live_seq");--> statement-breakpoint
-- Events already published keep their ids as sequence numbers, and the sequence goes on from
-- there: a stream that reconnects across the upgrade with Last-Event-ID n misses nothing.
UPDATE "outbox" SET "live_seq" = "id" WHERE "channel" = 'sse' AND "status" = 'sent';--> statement-breakpoint
SELECT setval('"public"."outbox_live_seq"', (SELECT coalesce(max("id"), 0) + 1 FROM "outbox"), false);

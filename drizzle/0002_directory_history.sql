CREATE TABLE "directory_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_name" text,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "directory_revision" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"revision" bigint DEFAULT 0 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_revision_single_row" CHECK ("directory_revision"."id" = 1)
);
--> statement-breakpoint
CREATE INDEX "directory_changes_entity_idx" ON "directory_changes" USING btree ("entity_type","entity_id","at");--> statement-breakpoint
INSERT INTO "directory_revision" ("id", "revision") VALUES (1, 0) ON CONFLICT DO NOTHING;

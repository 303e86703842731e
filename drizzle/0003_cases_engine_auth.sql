CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_org_id" text,
	"actor_name" text,
	"type" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_message_reads" (
	"message_id" uuid NOT NULL,
	"org_id" text NOT NULL,
	"user_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_message_reads_message_id_org_id_pk" PRIMARY KEY("message_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "case_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"author_user_id" uuid NOT NULL,
	"author_org_id" text NOT NULL,
	"author_name" text NOT NULL,
	"kind" text NOT NULL,
	"reply_to_id" uuid,
	"body" text,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "case_number_series" (
	"year" integer PRIMARY KEY NOT NULL,
	"last_value" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"receipt_date" date NOT NULL,
	"urgency" text NOT NULL,
	"reporter_user_id" uuid NOT NULL,
	"reporter_org_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"police_diary_number" text NOT NULL,
	"found_municipality_code" text NOT NULL,
	"residence_code" text,
	"identity_kind" text NOT NULL,
	"identity_number" text,
	"age_at_receipt" integer,
	"protected_identity" boolean DEFAULT false NOT NULL,
	"report" jsonb,
	"linked_case_id" uuid,
	"duplicate_flag" boolean DEFAULT false NOT NULL,
	"assigned_user_id" uuid,
	"claimed_at" timestamp with time zone,
	"routing" jsonb,
	"basis" text,
	"handling" text,
	"responsible_municipality_code" text,
	"decided_at" timestamp with time zone,
	"decided_by_user_id" uuid,
	"override_reason" text,
	"handover_org_id" text,
	"handover_started_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"accepted_by_org_id" text,
	"accepted_by_user_id" uuid,
	"accepted_by_name" text,
	"accepted_verbally" boolean DEFAULT false NOT NULL,
	"skyddsbedomning" jsonb,
	"skyddsbedomning_at" timestamp with time zone,
	"forhandsbedomning" jsonb,
	"forhandsbedomning_at" timestamp with time zone,
	"feedback" jsonb,
	"feedback_at" timestamp with time zone,
	"forwarded_to" jsonb,
	"return_reason" text,
	"closed_at" timestamp with time zone,
	"purged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid NOT NULL,
	"org_id" text,
	"org_name" text NOT NULL,
	"label" text NOT NULL,
	"phone" text NOT NULL,
	"outcome" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "deadlines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"clock" text NOT NULL,
	"subject_id" text DEFAULT '' NOT NULL,
	"policy_id" text,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"next_fire_at" timestamp with time zone,
	"step" integer DEFAULT 0 NOT NULL,
	"breached_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"stop_reason" text,
	"locked_by" text,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "escalation_policies" (
	"id" text PRIMARY KEY NOT NULL,
	"clock" text NOT NULL,
	"municipality_code" text,
	"name" text NOT NULL,
	"deadline" jsonb NOT NULL,
	"steps" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"address" text,
	CONSTRAINT "notification_preferences_user_id_channel_pk" PRIMARY KEY("user_id","channel")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"channel" text NOT NULL,
	"recipient" jsonb NOT NULL,
	"payload" jsonb NOT NULL,
	"dedupe_key" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 8 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sending_until" timestamp with time zone,
	"locked_by" text,
	"sent_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"outbox_id" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text NOT NULL,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" text,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "mfa_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "oidc_issuer" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "oidc_subject" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_secret" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_enabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "failed_login_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "locked_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_message_reads" ADD CONSTRAINT "case_message_reads_message_id_case_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."case_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_messages" ADD CONSTRAINT "case_messages_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_attempts" ADD CONSTRAINT "contact_attempts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_attempts" ADD CONSTRAINT "outbox_attempts_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "case_messages_case_idx" ON "case_messages" USING btree ("case_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_number_uq" ON "cases" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_idempotency_uq" ON "cases" USING btree ("reporter_org_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "cases_queue_idx" ON "cases" USING btree ("status","received_at","id");--> statement-breakpoint
CREATE INDEX "cases_municipality_idx" ON "cases" USING btree ("responsible_municipality_code","status","received_at","id");--> statement-breakpoint
CREATE INDEX "cases_handover_org_idx" ON "cases" USING btree ("handover_org_id","status","received_at","id");--> statement-breakpoint
CREATE INDEX "cases_reporter_idx" ON "cases" USING btree ("reporter_org_id","received_at","id");--> statement-breakpoint
CREATE INDEX "cases_identity_idx" ON "cases" USING btree ("identity_number");--> statement-breakpoint
CREATE INDEX "contact_attempts_case_idx" ON "contact_attempts" USING btree ("case_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "deadlines_running_uq" ON "deadlines" USING btree ("case_id","clock","subject_id") WHERE "deadlines"."stopped_at" is null;--> statement-breakpoint
CREATE INDEX "deadlines_due_idx" ON "deadlines" USING btree ("next_fire_at") WHERE "deadlines"."stopped_at" is null and "deadlines"."paused_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "escalation_policies_clock_muni_uq" ON "escalation_policies" USING btree ("clock",coalesce("municipality_code", ''));--> statement-breakpoint
CREATE INDEX "outbox_ready_idx" ON "outbox" USING btree ("next_attempt_at") WHERE "outbox"."status" in ('pending', 'failed');--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_dedupe_uq" ON "outbox" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "outbox_attempts_outbox_idx" ON "outbox_attempts" USING btree ("outbox_id","at");
CREATE TABLE "case_facts" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"received_date" date NOT NULL,
	"received_hour" smallint NOT NULL,
	"received_weekday" smallint NOT NULL,
	"office_hours" boolean NOT NULL,
	"public_holiday" boolean NOT NULL,
	"eve" boolean NOT NULL,
	"day_before_holiday" boolean NOT NULL,
	"municipality_code" text,
	"residence_code" text,
	"found_code" text NOT NULL,
	"responsible_code" text,
	"age_band" text NOT NULL,
	"age_estimated" boolean NOT NULL,
	"urgency" text NOT NULL,
	"gang_risk_types" text[] NOT NULL,
	"basis" text,
	"handling" text,
	"in_target_group" boolean,
	"handover_contact_kind" text,
	"claimed_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"first_contact_attempt_at" timestamp with time zone,
	"handed_over_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_verbally" boolean,
	"skyddsbedomning_at" timestamp with time zone,
	"skyddsbedomning_outcome" text,
	"forhandsbedomning_at" timestamp with time zone,
	"forhandsbedomning_outcome" text,
	"feedback_at" timestamp with time zone,
	"feedback_withheld" boolean,
	"forwarded_at" timestamp with time zone,
	"forwarded_to_code" text,
	"returned_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"refusals" integer DEFAULT 0 NOT NULL,
	"releases" integer DEFAULT 0 NOT NULL,
	"reopenings" integer DEFAULT 0 NOT NULL,
	"contact_attempts" integer DEFAULT 0 NOT NULL,
	"questions" integer DEFAULT 0 NOT NULL,
	"linked_duplicate" boolean DEFAULT false NOT NULL,
	"clocks" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "case_facts_received_idx" ON "case_facts" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "case_facts_municipality_received_idx" ON "case_facts" USING btree ("municipality_code","received_at");--> statement-breakpoint
-- Case transactions run as envagin_app (0006) and rewrite their case's facts. The default
-- privileges of 0006 grant this already where the migrating user set them; stated here so it
-- holds whoever migrates. No DELETE: gallring leaves the facts.
-- Existing cases get their facts from `backfillCaseFacts` (src/facts/case-facts-store.ts), run
-- by `envagin migrate` and at every start right after the migrations: office hours, holidays
-- and eves come from the TypeScript calendar (src/domain), which SQL would have to repeat.
GRANT SELECT, INSERT, UPDATE ON case_facts TO envagin_app;

CREATE TABLE "case_fact_clocks" (
	"received_month" date NOT NULL,
	"clock" text NOT NULL,
	"municipality_code" text,
	"office_hours" boolean NOT NULL,
	"cases" integer NOT NULL,
	"breached" integer NOT NULL,
	"escalated" integer NOT NULL,
	CONSTRAINT "case_fact_clocks_key" UNIQUE NULLS NOT DISTINCT("received_month","clock","municipality_code","office_hours")
);
--> statement-breakpoint
CREATE TABLE "case_fact_days" (
	"received_date" date NOT NULL,
	"received_weekday" smallint NOT NULL,
	"municipality_code" text,
	"office_hours" boolean NOT NULL,
	"cases" integer NOT NULL,
	CONSTRAINT "case_fact_days_key" UNIQUE NULLS NOT DISTINCT("received_date","received_weekday","municipality_code","office_hours")
);
--> statement-breakpoint
CREATE TABLE "case_fact_hours" (
	"received_month" date NOT NULL,
	"received_hour" smallint NOT NULL,
	"municipality_code" text,
	"office_hours" boolean NOT NULL,
	"cases" integer NOT NULL,
	CONSTRAINT "case_fact_hours_key" UNIQUE NULLS NOT DISTINCT("received_month","received_hour","municipality_code","office_hours")
);
--> statement-breakpoint
DROP INDEX "case_facts_received_date_idx";--> statement-breakpoint
ALTER TABLE "case_facts" ADD COLUMN "report_to_claim" integer GENERATED ALWAYS AS (case when floor(date_part('epoch', "claimed_at" - "received_at") / 60 + 0.5) >= 0 then floor(date_part('epoch', "claimed_at" - "received_at") / 60 + 0.5)::int end) STORED;--> statement-breakpoint
ALTER TABLE "case_facts" ADD COLUMN "claim_to_decision" integer GENERATED ALWAYS AS (case when floor(date_part('epoch', "decided_at" - "claimed_at") / 60 + 0.5) >= 0 then floor(date_part('epoch', "decided_at" - "claimed_at") / 60 + 0.5)::int end) STORED;--> statement-breakpoint
ALTER TABLE "case_facts" ADD COLUMN "decision_to_kvittens" integer GENERATED ALWAYS AS (case when floor(date_part('epoch', "acknowledged_at" - "decided_at") / 60 + 0.5) >= 0 then floor(date_part('epoch', "acknowledged_at" - "decided_at") / 60 + 0.5)::int end) STORED;--> statement-breakpoint
ALTER TABLE "case_facts" ADD COLUMN "report_to_kvittens" integer GENERATED ALWAYS AS (case when floor(date_part('epoch', "acknowledged_at" - "received_at") / 60 + 0.5) >= 0 then floor(date_part('epoch', "acknowledged_at" - "received_at") / 60 + 0.5)::int end) STORED;--> statement-breakpoint
ALTER TABLE "case_facts" ADD COLUMN "kvittens_to_skyddsbedomning" integer GENERATED ALWAYS AS (case when floor(date_part('epoch', "skyddsbedomning_at" - "acknowledged_at") / 60 + 0.5) >= 0 then floor(date_part('epoch', "skyddsbedomning_at" - "acknowledged_at") / 60 + 0.5)::int end) STORED;--> statement-breakpoint
ALTER TABLE "case_facts" ADD COLUMN "report_to_forhandsbedomning" integer GENERATED ALWAYS AS (case when floor(date_part('epoch', "forhandsbedomning_at" - "received_at") / 60 + 0.5) >= 0 then floor(date_part('epoch', "forhandsbedomning_at" - "received_at") / 60 + 0.5)::int end) STORED;
CREATE TABLE "case_handovers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"org_id" text NOT NULL,
	"municipality_code" text NOT NULL,
	"pass_at" timestamp with time zone NOT NULL,
	"passed_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by_user_id" uuid,
	"acknowledged_by_name" text,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "office_passed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "office_acknowledged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "jour_access_ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "case_handovers" ADD CONSTRAINT "case_handovers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_handovers_case_kind_uq" ON "case_handovers" USING btree ("case_id","kind");--> statement-breakpoint
CREATE INDEX "case_handovers_due_idx" ON "case_handovers" USING btree ("pass_at") WHERE "case_handovers"."kind" = 'office' and "case_handovers"."passed_at" is null and "case_handovers"."ended_at" is null;--> statement-breakpoint
-- The handover record follows its case under row-level security, like the timeline.
ALTER TABLE case_handovers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_handovers_scope ON case_handovers TO envagin_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id)) WITH CHECK (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
--> statement-breakpoint
-- Jour → office: once the jour's reading of a case has ended (the case closed after the office's
-- own kvittens), the jour group no longer sees the row at all, whatever the other policies say.
CREATE POLICY cases_jour_access_ended ON cases AS RESTRICTIVE FOR SELECT TO envagin_app
  USING (
    jour_access_ended_at IS NULL
    OR current_setting('envagin.org_kind', true) IS DISTINCT FROM 'jour_group'
    OR (handover_org_id IS DISTINCT FROM current_setting('envagin.org_id', true) AND accepted_by_org_id IS DISTINCT FROM current_setting('envagin.org_id', true))
  );

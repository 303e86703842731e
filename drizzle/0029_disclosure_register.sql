CREATE TABLE "disclosures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"case_id" uuid NOT NULL,
	"case_number" text NOT NULL,
	"person_ref" text,
	"from_org_id" text NOT NULL,
	"from_name" text NOT NULL,
	"to_org_id" text,
	"to_name" text NOT NULL,
	"fields" text[] NOT NULL,
	"legal_ground" text NOT NULL,
	"actor_user_id" uuid,
	"actor_role" text,
	"request_id" text
);
--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disclosures_at_idx" ON "disclosures" USING btree ("at","id");--> statement-breakpoint
CREATE INDEX "disclosures_person_idx" ON "disclosures" USING btree ("person_ref","at") WHERE "disclosures"."person_ref" is not null;--> statement-breakpoint
CREATE INDEX "disclosures_from_idx" ON "disclosures" USING btree ("from_org_id","at");--> statement-breakpoint
CREATE INDEX "disclosures_to_idx" ON "disclosures" USING btree ("to_org_id","at");--> statement-breakpoint
CREATE INDEX "disclosures_case_idx" ON "disclosures" USING btree ("case_id");
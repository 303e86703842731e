CREATE TABLE "case_parties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"org_id" text NOT NULL,
	"case_number" text NOT NULL,
	"child_initials" text,
	"child_birth_year" integer,
	"person_ref" text,
	"added_at" timestamp with time zone NOT NULL,
	"added_by_user_id" uuid NOT NULL,
	"added_by_org_id" text NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "information_request_answers" (
	"request_id" uuid PRIMARY KEY NOT NULL,
	"text" text NOT NULL,
	"risk_level" text,
	"assessed_on" date,
	"known_affiliation" text,
	"group_designation" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "information_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"case_number" text NOT NULL,
	"asking_org_id" text NOT NULL,
	"addressed_org_id" text NOT NULL,
	"kinds" text[] NOT NULL,
	"text" text NOT NULL,
	"legal_ground_id" text NOT NULL,
	"urgency" text NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'sent' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"person_ref" text,
	"sent_at" timestamp with time zone NOT NULL,
	"sent_by_user_id" uuid NOT NULL,
	"sent_by_name" text NOT NULL,
	"received_at" timestamp with time zone,
	"received_by_user_id" uuid,
	"received_by_name" text,
	"answered_at" timestamp with time zone,
	"answered_by_user_id" uuid,
	"answered_by_name" text,
	"declined_at" timestamp with time zone,
	"declined_by_user_id" uuid,
	"declined_by_name" text,
	"decline_reason" text,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by_user_id" uuid,
	"withdrawn_by_name" text,
	"withdraw_reason" text,
	CONSTRAINT "information_requests_kinds_nonempty" CHECK (cardinality("information_requests"."kinds") between 1 and 4),
	CONSTRAINT "information_requests_not_self" CHECK ("information_requests"."asking_org_id" <> "information_requests"."addressed_org_id"),
	CONSTRAINT "information_requests_declined_reason" CHECK ("information_requests"."state" <> 'declined' or "information_requests"."decline_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "legal_grounds" (
	"id" text PRIMARY KEY NOT NULL,
	"citation" text NOT NULL,
	"description" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_parties" ADD CONSTRAINT "case_parties_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_parties" ADD CONSTRAINT "case_parties_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_request_answers" ADD CONSTRAINT "information_request_answers_request_id_information_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."information_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_requests" ADD CONSTRAINT "information_requests_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_requests" ADD CONSTRAINT "information_requests_asking_org_id_organisations_id_fk" FOREIGN KEY ("asking_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_requests" ADD CONSTRAINT "information_requests_addressed_org_id_organisations_id_fk" FOREIGN KEY ("addressed_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_requests" ADD CONSTRAINT "information_requests_legal_ground_id_legal_grounds_id_fk" FOREIGN KEY ("legal_ground_id") REFERENCES "public"."legal_grounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_parties_case_org_uq" ON "case_parties" USING btree ("case_id","org_id") WHERE "case_parties"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "case_parties_org_idx" ON "case_parties" USING btree ("org_id","added_at");--> statement-breakpoint
CREATE INDEX "information_requests_case_idx" ON "information_requests" USING btree ("case_id","sent_at");--> statement-breakpoint
CREATE INDEX "information_requests_addressed_idx" ON "information_requests" USING btree ("addressed_org_id","sent_at");--> statement-breakpoint
CREATE INDEX "information_requests_asking_idx" ON "information_requests" USING btree ("asking_org_id","sent_at");
CREATE INDEX "cases_id_text_idx" ON "cases" USING btree (("id"::text));--> statement-breakpoint
CREATE INDEX "deadlines_case_idx" ON "deadlines" USING btree ("case_id");
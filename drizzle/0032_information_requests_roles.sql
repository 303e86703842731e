-- Information requests (issue 20) under the roles of 0022 (docs/row-level-security.md).
-- A request is seen by the asking and the addressed organisations' request roles, and by the
-- municipality handling the case (a reader of the municipality roles who can see the case); an
-- answer follows its request; another authority (SiS) sees the cases it is party to only as its
-- case_parties rows (case number, initials, birth year), never the case.
CREATE OR REPLACE FUNCTION envagin_request_visible(asking text, addressed text, request_case uuid)
RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('envagin.role', true), '') IN
           ('police.reporter', 'hub.handler', 'hub.supervisor', 'municipality.intake', 'municipality.manager', 'authority.liaison')
     AND (asking = current_setting('envagin.org_id', true)
          OR addressed = current_setting('envagin.org_id', true)
          OR (current_setting('envagin.role', true) IN ('municipality.intake', 'municipality.manager')
              AND EXISTS (SELECT 1 FROM cases c WHERE c.id = request_case)))
$$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['information_requests', 'information_request_answers', 'case_parties'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS %I ON %I', t || '_system', t);
    EXECUTE format('CREATE POLICY %I ON %I TO envagin_system USING (true) WITH CHECK (true)', t || '_system', t);
  END LOOP;
END
$$;
--> statement-breakpoint
GRANT SELECT ON legal_grounds TO envagin_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON information_requests TO envagin_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON information_request_answers, case_parties TO envagin_app;
--> statement-breakpoint
CREATE POLICY information_requests_read ON information_requests FOR SELECT TO envagin_app
  USING (envagin_request_visible(asking_org_id, addressed_org_id, case_id));
--> statement-breakpoint
-- Sent only in the name of the reader's own organisation.
CREATE POLICY information_requests_send ON information_requests FOR INSERT TO envagin_app
  WITH CHECK (asking_org_id = current_setting('envagin.org_id', true) AND envagin_request_visible(asking_org_id, addressed_org_id, case_id));
--> statement-breakpoint
-- Its steps are taken by the asking or the addressed organisation.
CREATE POLICY information_requests_step ON information_requests FOR UPDATE TO envagin_app
  USING (asking_org_id = current_setting('envagin.org_id', true) OR addressed_org_id = current_setting('envagin.org_id', true))
  WITH CHECK (asking_org_id = current_setting('envagin.org_id', true) OR addressed_org_id = current_setting('envagin.org_id', true));
--> statement-breakpoint
CREATE POLICY information_request_answers_read ON information_request_answers FOR SELECT TO envagin_app
  USING (EXISTS (SELECT 1 FROM information_requests r WHERE r.id = request_id));
--> statement-breakpoint
CREATE POLICY information_request_answers_write ON information_request_answers FOR INSERT TO envagin_app
  WITH CHECK (EXISTS (SELECT 1 FROM information_requests r WHERE r.id = request_id AND r.addressed_org_id = current_setting('envagin.org_id', true)));
--> statement-breakpoint
-- The party sees its own rows; the social services who can see the case see who is party to it.
CREATE POLICY case_parties_read ON case_parties FOR SELECT TO envagin_app
  USING (org_id = current_setting('envagin.org_id', true)
         OR (current_setting('envagin.role', true) IN ('hub.handler', 'hub.supervisor', 'municipality.intake', 'municipality.manager')
             AND EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id)));
--> statement-breakpoint
CREATE POLICY case_parties_add ON case_parties FOR INSERT TO envagin_app
  WITH CHECK (current_setting('envagin.role', true) IN ('hub.handler', 'hub.supervisor', 'municipality.intake', 'municipality.manager')
              AND EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id));
--> statement-breakpoint
-- An information request's clock follows the request, not only the case: the addressee (SiS
-- too) starts and stops it, and a reader of the case who is no party to the request does not
-- see that it exists.
CREATE POLICY deadlines_information_request ON deadlines TO envagin_app
  USING (clock = 'information_request' AND EXISTS (SELECT 1 FROM information_requests r WHERE r.id::text = subject_id))
  WITH CHECK (clock = 'information_request' AND EXISTS (SELECT 1 FROM information_requests r WHERE r.id::text = subject_id));
--> statement-breakpoint
CREATE POLICY deadlines_information_request_parties ON deadlines AS RESTRICTIVE TO envagin_app
  USING (clock <> 'information_request' OR EXISTS (SELECT 1 FROM information_requests r WHERE r.id::text = subject_id))
  WITH CHECK (clock <> 'information_request' OR EXISTS (SELECT 1 FROM information_requests r WHERE r.id::text = subject_id));
--> statement-breakpoint
-- Nor the clock's history in the audit log (the case view's clocks).
CREATE POLICY audit_log_information_request_clocks ON audit_log AS RESTRICTIVE FOR SELECT TO envagin_app
  USING (coalesce(details->>'clock', '') <> 'information_request'
         OR EXISTS (SELECT 1 FROM deadlines d WHERE d.id::text = details->>'deadlineId'));
--> statement-breakpoint
-- The default policy seeded before issue 20 alerted the hub's supervisors whoever was asked; a
-- row still exactly as seeded takes the steps of src/jobs/policies.ts (an admin's edit stays).
UPDATE escalation_policies
   SET name = 'Informationsbegäran besvaras',
       steps = '[{"afterMinutes": 0, "target": "request_addressee"}, {"afterMinutes": 60, "target": "request_addressee"}, {"afterMinutes": 240, "target": "request_addressee", "repeatEveryMinutes": 1440}]'::jsonb
 WHERE id = 'default-information_request' AND steps = '[{"afterMinutes": 0, "target": "hub_supervisor"}]'::jsonb;

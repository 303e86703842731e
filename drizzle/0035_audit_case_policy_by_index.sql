-- The escalation history of a case is readable to whoever may see the case (0022). The policy
-- matched the case by c.id::text = subject_id: the cast is not leakproof, so PostgreSQL may not
-- use it as an index condition below the cases table's own row-level security, and the EXISTS
-- read every case for each audit row it checked (a case page read one row per escalation ever
-- recorded on the case, times the whole cases table). Here the id is cast outside the cases
-- scan, in a subquery kept apart by OFFSET 0, and joined as a uuid: cases_pkey finds the case.
-- The CASE keeps a subject id that is not a uuid from failing the cast; no case has one.
DROP POLICY audit_log_case_clocks ON audit_log;
--> statement-breakpoint
CREATE POLICY audit_log_case_clocks ON audit_log FOR SELECT TO envagin_app
  USING (subject_type = 'case' AND action LIKE 'deadline.%' AND EXISTS (
    SELECT 1
      FROM (SELECT CASE WHEN subject_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN subject_id::uuid END AS id OFFSET 0) s
      JOIN cases c ON c.id = s.id));

-- The statistics' rollups (issue 21: the dashboard over 1,000,000 cases under 300 ms) and the
-- covering index of its one remaining scan. src/features/statistics/queries.ts reads them.

-- ── The scan of the measures: everything it reads, so it never visits the table ──
-- case_id too: the row-level policies of case_facts name it (case_facts_scope), and a column the
-- policy reads that the index lacks turns the index-only scan into a heap fetch per fact (measured
-- as the analyst: 590 ms instead of 180 for the six months of the benchmark).
CREATE INDEX IF NOT EXISTS case_facts_statistics_idx ON case_facts (received_date)
  INCLUDE (municipality_code, office_hours, report_to_claim, claim_to_decision, decision_to_kvittens, report_to_kvittens,
           kvittens_to_skyddsbedomning, report_to_forhandsbedomning, in_target_group, handling, acknowledged_at, feedback_at,
           forwarded_at, returned_at, case_id);
--> statement-breakpoint
-- The statistics roles' policy (0033) with the reader's role read once per statement (an
-- InitPlan) rather than once per fact: current_setting is not constant, so PostgreSQL would call
-- it for each of the period's rows.
DROP POLICY IF EXISTS case_facts_statistics ON case_facts;
--> statement-breakpoint
CREATE POLICY case_facts_statistics ON case_facts FOR SELECT TO envagin_app
  USING ((SELECT current_setting('envagin.role', true)) IN ('analyst', 'municipality.manager'));
--> statement-breakpoint

-- ── The counts, kept by the facts' own writes ──
-- One fact's share of the three rollups, added (sign 1) or taken away (sign -1). A clock a fact
-- tallies counts once per fact: present, with a breach, with an escalation.
CREATE OR REPLACE FUNCTION case_fact_rollup_add(f case_facts, sign integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  month date := date_trunc('month', f.received_date)::date;
BEGIN
  INSERT INTO case_fact_days AS r (received_date, received_weekday, municipality_code, office_hours, cases)
  VALUES (f.received_date, f.received_weekday, f.municipality_code, f.office_hours, sign)
  ON CONFLICT ON CONSTRAINT case_fact_days_key DO UPDATE SET cases = r.cases + excluded.cases;

  INSERT INTO case_fact_hours AS r (received_month, received_hour, municipality_code, office_hours, cases)
  VALUES (month, f.received_hour, f.municipality_code, f.office_hours, sign)
  ON CONFLICT ON CONSTRAINT case_fact_hours_key DO UPDATE SET cases = r.cases + excluded.cases;

  INSERT INTO case_fact_clocks AS r (received_month, clock, municipality_code, office_hours, cases, breached, escalated)
  SELECT month, c.key, f.municipality_code, f.office_hours, sign,
         sign * (coalesce((c.value ->> 'breaches')::int, 0) > 0)::int,
         sign * (coalesce((c.value ->> 'escalations')::int, 0) > 0)::int
    FROM jsonb_each(f.clocks) c
  ON CONFLICT ON CONSTRAINT case_fact_clocks_key DO UPDATE
    SET cases = r.cases + excluded.cases, breached = r.breached + excluded.breached, escalated = r.escalated + excluded.escalated;
END
$$;
--> statement-breakpoint
-- Runs as the owner (SECURITY DEFINER): the readers' and the engine's roles write facts, never the
-- rollups themselves, so a bug or a forged statement cannot make the counts disagree with the facts.
-- Two transactions moving facts between the same two keys in opposite order (a municipality
-- decided while the engine tallies clocks of that day) can deadlock on the count rows: PostgreSQL
-- aborts one, and withTransaction (src/db/transaction.ts) runs it again, as for any class 40 error.
CREATE OR REPLACE FUNCTION case_fact_rollups() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM case_fact_rollup_add(OLD, -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM case_fact_rollup_add(NEW, 1); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS case_fact_rollups_insert_delete ON case_facts;
--> statement-breakpoint
CREATE TRIGGER case_fact_rollups_insert_delete AFTER INSERT OR DELETE ON case_facts
  FOR EACH ROW EXECUTE FUNCTION case_fact_rollups();
--> statement-breakpoint
-- Most fact writes change milestones only: they leave the rollups alone.
DROP TRIGGER IF EXISTS case_fact_rollups_update ON case_facts;
--> statement-breakpoint
CREATE TRIGGER case_fact_rollups_update AFTER UPDATE ON case_facts
  FOR EACH ROW
  WHEN ((OLD.received_date, OLD.received_weekday, OLD.received_hour, OLD.municipality_code, OLD.office_hours, OLD.clocks)
        IS DISTINCT FROM (NEW.received_date, NEW.received_weekday, NEW.received_hour, NEW.municipality_code, NEW.office_hours, NEW.clocks))
  EXECUTE FUNCTION case_fact_rollups();
--> statement-breakpoint
-- TRUNCATE fires no row trigger: it empties the rollups with the facts.
CREATE OR REPLACE FUNCTION case_fact_rollups_truncate() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  TRUNCATE case_fact_days, case_fact_hours, case_fact_clocks;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS case_fact_rollups_truncate ON case_facts;
--> statement-breakpoint
CREATE TRIGGER case_fact_rollups_truncate AFTER TRUNCATE ON case_facts
  FOR EACH STATEMENT EXECUTE FUNCTION case_fact_rollups_truncate();
--> statement-breakpoint

-- ── The rollups recounted from the facts: the backfill below, and `envagin doctor`
-- (src/features/statistics/rollup-drift.ts), which compares them with what the trigger kept ──
CREATE OR REPLACE VIEW case_fact_days_recount AS
SELECT received_date, received_weekday, municipality_code, office_hours, count(*)::int AS cases
  FROM case_facts GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
CREATE OR REPLACE VIEW case_fact_hours_recount AS
SELECT date_trunc('month', received_date)::date AS received_month, received_hour, municipality_code, office_hours, count(*)::int AS cases
  FROM case_facts GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
CREATE OR REPLACE VIEW case_fact_clocks_recount AS
SELECT date_trunc('month', f.received_date)::date AS received_month, c.key AS clock, f.municipality_code, f.office_hours, count(*)::int AS cases,
       count(*) FILTER (WHERE coalesce((c.value ->> 'breaches')::int, 0) > 0)::int AS breached,
       count(*) FILTER (WHERE coalesce((c.value ->> 'escalations')::int, 0) > 0)::int AS escalated
  FROM case_facts f CROSS JOIN LATERAL jsonb_each(f.clocks) c GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
-- Only the engine's role (the CLI) reads them: they see every fact, as their owner.
REVOKE ALL ON case_fact_days_recount, case_fact_hours_recount, case_fact_clocks_recount FROM PUBLIC, envagin_app, envagin_auth;
--> statement-breakpoint
GRANT SELECT ON case_fact_days_recount, case_fact_hours_recount, case_fact_clocks_recount TO envagin_system;
--> statement-breakpoint

-- ── Backfill: the facts written before this migration ──
TRUNCATE case_fact_days, case_fact_hours, case_fact_clocks;
--> statement-breakpoint
INSERT INTO case_fact_days (received_date, received_weekday, municipality_code, office_hours, cases)
SELECT received_date, received_weekday, municipality_code, office_hours, cases FROM case_fact_days_recount;
--> statement-breakpoint
INSERT INTO case_fact_hours (received_month, received_hour, municipality_code, office_hours, cases)
SELECT received_month, received_hour, municipality_code, office_hours, cases FROM case_fact_hours_recount;
--> statement-breakpoint
INSERT INTO case_fact_clocks (received_month, clock, municipality_code, office_hours, cases, breached, escalated)
SELECT received_month, clock, municipality_code, office_hours, cases, breached, escalated FROM case_fact_clocks_recount;
--> statement-breakpoint

-- ── Who reads them: the engine and the CLI, and the statistics roles (as case_facts, 0033) ──
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON case_fact_days, case_fact_hours, case_fact_clocks FROM envagin_system;
--> statement-breakpoint
GRANT SELECT ON case_fact_days, case_fact_hours, case_fact_clocks TO envagin_system, envagin_app;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['case_fact_days', 'case_fact_hours', 'case_fact_clocks'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS %I ON %I', t || '_system', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT TO envagin_system USING (true)', t || '_system', t);
    EXECUTE format('DROP POLICY IF EXISTS %I ON %I', t || '_statistics', t);
    EXECUTE format($p$CREATE POLICY %I ON %I FOR SELECT TO envagin_app
                     USING ((SELECT current_setting('envagin.role', true)) IN ('analyst', 'municipality.manager'))$p$, t || '_statistics', t);
  END LOOP;
END
$$;

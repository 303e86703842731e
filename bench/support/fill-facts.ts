// The statistics benchmark's fill: case_facts rows made in PostgreSQL by one INSERT … SELECT
// (bench/statistics.ts; also handy to explore plans on a database kept for it).
import type pg from 'pg';
import { countyMunicipalities } from '../../src/shared/municipalities.ts';

/**
 * FACTS closed-or-open cases received evenly over the last 730 days (Stockholm dates and hours as
 * case-facts.ts derives them), municipality g mod 26; most handed over and acknowledged, some kept,
 * forwarded or returned; milestones minutes to days after receipt, a few clock breaches.
 */
export async function fillFacts(client: pg.Client, count: number): Promise<void> {
  await client.query(
    `insert into case_facts (case_id, status, received_at, received_date, received_hour, received_weekday, office_hours,
                             public_holiday, eve, day_before_holiday, municipality_code, residence_code, found_code, responsible_code,
                             age_band, age_estimated, urgency, gang_risk_types, basis, handling, in_target_group, handover_contact_kind,
                             claimed_at, decided_at, first_contact_attempt_at, handed_over_at, acknowledged_at, acknowledged_verbally,
                             skyddsbedomning_at, skyddsbedomning_outcome, forhandsbedomning_at, forhandsbedomning_outcome,
                             feedback_at, feedback_withheld, forwarded_at, forwarded_to_code, returned_at, closed_at,
                             refusals, releases, reopenings, contact_attempts, questions, linked_duplicate, clocks)
     select gen_random_uuid(),
            case when r.at > now() - interval '20 days' then 'accepted' else 'closed' end,
            r.at, (r.at at time zone 'Europe/Stockholm')::date,
            extract(hour from r.at at time zone 'Europe/Stockholm')::smallint,
            extract(isodow from r.at at time zone 'Europe/Stockholm')::smallint,
            extract(isodow from r.at at time zone 'Europe/Stockholm') <= 5 and extract(hour from r.at at time zone 'Europe/Stockholm') between 8 and 16,
            false, false, false,
            m.code, m.code, m.code, m.code,
            (array['0-11','12-14','15-17','18+','unknown'])[1 + g % 5], g % 7 = 0,
            (array['acute','today','today','not_urgent'])[1 + g % 4],
            case when g % 9 = 0 then array['recruitment'] else array[]::text[] end,
            (array['own_residence','agreement','own_stay','none'])[1 + g % 4],
            h.handling, g % 4 <> 0,
            case when h.handling = 'handover' then 'phone' end,
            r.at + (5 + g % 55) * interval '1 minute',
            r.at + (25 + g % 95) * interval '1 minute',
            case when h.handling = 'handover' then r.at + (30 + g % 100) * interval '1 minute' end,
            case when h.handling = 'handover' then r.at + (40 + g % 120) * interval '1 minute' end,
            case when h.handling = 'handover' then r.at + (45 + g % 180) * interval '1 minute' end,
            case when h.handling = 'handover' then g % 11 = 0 end,
            case when h.handling in ('handover','own') then r.at + (2 + g % 46) * interval '1 hour' end,
            case when h.handling in ('handover','own') then 'no_immediate_protection_needed' end,
            case when h.handling in ('handover','own') then r.at + (3 + g % 12) * interval '1 day' end,
            case when h.handling in ('handover','own') then (array['open_investigation','no_investigation'])[1 + g % 2] end,
            case when h.handling in ('handover','own') and g % 6 <> 0 then r.at + (5 + g % 12) * interval '1 day' end,
            case when h.handling in ('handover','own') and g % 6 = 0 then true end,
            case when h.handling = 'forward' then r.at + (30 + g % 60) * interval '1 minute' end,
            case when h.handling = 'forward' then '0380' end,
            case when h.handling = 'return' then r.at + (30 + g % 60) * interval '1 minute' end,
            case when r.at <= now() - interval '20 days' then r.at + (18 + g % 3) * interval '1 day' end,
            case when g % 50 = 0 then 1 else 0 end, 0, 0, 1 + g % 3, case when g % 13 = 0 then 1 else 0 end, g % 40 = 0,
            case when g % 20 = 0 then '{"claim":{"breaches":1,"escalations":0}}'::jsonb
                 when g % 33 = 0 then '{"acknowledge":{"breaches":1,"escalations":1}}'::jsonb
                 else '{}'::jsonb end
       from generate_series(1, $1::int) g
      cross join lateral (select now() - (g::float8 / $1::int) * interval '730 days' as at) r
      cross join lateral (select ($2::text[])[1 + g % 26] as code) m
      cross join lateral (select (array['handover','handover','handover','handover','handover','handover','handover','own','forward','return'])[1 + g % 10] as handling) h`,
    [count, countyMunicipalities.map((m) => m.code)],
  );
  // The rollups as they are in steady state: this one statement made the trigger update each
  // count row hundreds of times in one transaction (a million dead row versions, 40 MB for 30,000
  // rows), which a real installation, writing a few facts an hour, never does.
  await client.query('vacuum full case_fact_days, case_fact_hours, case_fact_clocks');
  // What autovacuum does soon after a bulk load (its insert threshold, PostgreSQL 13+): statistics
  // for the planner and the visibility map the dashboard's index-only scan needs.
  await client.query('vacuum analyze case_facts, case_fact_days, case_fact_hours, case_fact_clocks');
}


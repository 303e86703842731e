// Drizzle tables. Row types live in src/db/types.ts; API types are zod schemas in each feature,
// so a column can change without silently changing the API.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { OpeningHours } from '../domain/directory-types.ts';
import { orgKinds, roles } from '../shared/roles.ts';
import { clockKinds } from '../domain/deadlines.ts';
import { disclosureKinds } from '../domain/disclosures.ts';
import { affiliationAnswers, requestStates, requestUrgencies, riskLevels } from '../domain/information-requests.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** Every party: the police ROC, the hub, municipalities, their units, jour groups, SiS. */
export const organisations = pgTable(
  'organisations',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: orgKinds }).notNull(),
    name: text('name').notNull(),
    municipalityCode: text('municipality_code'),
    parentId: text('parent_id'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('organisations_kind_idx').on(t.kind)],
);

export const municipalities = pgTable(
  'municipalities',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    inCounty: boolean('in_county').notNull(),
    orgId: text('org_id').references(() => organisations.id),
    registryEmail: text('registry_email'),
    registryPhone: text('registry_phone'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check('municipalities_code_format', sql`${t.code} ~ '^[0-9]{4}$'`)],
);

/** Office-hours intake of a municipality (a unit organisation). */
export const intakeUnits = pgTable('intake_units', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => organisations.id),
  municipalityCode: text('municipality_code')
    .notNull()
    .references(() => municipalities.code),
  hours: jsonb('hours').$type<OpeningHours>().notNull(),
  updatedAt: updatedAt(),
});

export const jourGroups = pgTable('jour_groups', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => organisations.id),
  /** null: active whenever a member's intake is closed. */
  hours: jsonb('hours').$type<OpeningHours>(),
  updatedAt: updatedAt(),
});

export const jourMemberships = pgTable(
  'jour_memberships',
  {
    jourOrgId: text('jour_org_id')
      .notNull()
      .references(() => jourGroups.orgId),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    validFrom: date('valid_from', { mode: 'string' }).notNull().default('2000-01-01'),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.jourOrgId, t.municipalityCode, t.validFrom] })],
);

/** Ordered phone numbers and functional mailboxes of a unit, jour group or the hub. */
export const contactPoints = pgTable(
  'contact_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    position: integer('position').notNull(),
    label: text('label').notNull(),
    phone: text('phone').notNull(),
    email: text('email'),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('contact_points_org_position_uq').on(t.orgId, t.position)],
);

/** Avtalssamverkan: a municipality's decision to let Stockholm act for it (9 kap. 37 § KL). */
export const agreements = pgTable(
  'agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    decidedBy: text('decided_by').notNull(),
    dnr: text('dnr').notNull(),
    decisionDate: date('decision_date', { mode: 'string' }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    terminatedFrom: date('terminated_from', { mode: 'string' }),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('agreements_municipality_dnr_uq').on(t.municipalityCode, t.dnr),
    check('agreements_valid_range', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    role: text('role', { enum: roles }).notNull(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    isDemo: boolean('is_demo').notNull().default(false),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    email: text('email'),
    /** External identity (OpenID Connect issuer + subject) when the user logs in through an IdP. */
    oidcIssuer: text('oidc_issuer'),
    oidcSubject: text('oidc_subject'),
    /** Base32 TOTP secret; required for privileged roles before they can work. */
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** The language the web app speaks to this user (issue 23 point 11), on the user so it follows them to every device. */
    language: text('language', { enum: ['sv', 'en'] }).notNull().default('sv'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_username_uq').on(sql`lower(${t.username})`)],
);

/** Server-side sessions; only a hash of the cookie token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Set once the second factor is verified; privileged roles need it. */
    mfaVerifiedAt: timestamp('mfa_verified_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Login attempts per client address and fixed window, shared by every instance. The address is
 * kept only as a keyed hash (an IP address is personal data); rows of finished windows are
 * removed by gallring.
 */
export const loginRateWindows = pgTable('login_rate_windows', {
  keyHash: text('key_hash').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  attempts: integer('attempts').notNull(),
});

/**
 * Failed logins per (username as typed, client address), shared by every instance: each run of
 * failures makes the next attempt from that address for that username wait longer
 * (src/features/auth/throttle.ts), whether or not the username exists. Nothing locks an account
 * for everyone. Both are kept only as keyed hashes; user_hash (the username alone) lets a
 * supervisor clear every address's row at once. Rows idle for a day are removed by gallring.
 */
export const loginThrottles = pgTable(
  'login_throttles',
  {
    keyHash: text('key_hash').primaryKey(),
    userHash: text('user_hash').notNull(),
    failures: integer('failures').notNull(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }).notNull(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_throttles_user_idx').on(t.userHash)],
);

/**
 * Append-only, hash-chained audit log. Each row's hash covers its content and the previous
 * row's hash in its chain, so a changed, removed or reordered row breaks the chain.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /**
     * The hash chain the row belongs to: its subject ('case:<id>'), else its actor
     * ('user:<id>'), else 'system' (src/audit/record-audit.ts). Rows written before chains had
     * names are in 'legacy-0' … 'legacy-15'.
     */
    chainKey: text('chain_key').notNull(),
    /** How the row's hash was computed (src/audit/audit-hash.ts): 1 before 2026-12, 2 since. */
    hashVersion: smallint('hash_version').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorRole: text('actor_role'),
    actorOrgId: text('actor_org_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_subject_idx').on(t.subjectType, t.subjectId),
    index('audit_log_chain_idx').on(t.chainKey, t.id),
    // What a user did. The engine's own rows (a clock started, a deadline breached) have no user
    // and are never looked up by one, so they are left out.
    index('audit_log_actor_idx').on(t.actorUserId, t.at).where(sql`${t.actorUserId} is not null`),
    // "Who has seen this child's data": reads carry a keyed hash of the identity number in
    // details.person (never the number itself: the log is append-only and kept). Only the rows
    // that name a person are indexed: a list read or a clock has none.
    index('audit_log_person_idx')
      .on(sql`(${t.details}->>'person')`)
      .where(sql`(${t.details}->>'person') is not null`),
  ],
);

/**
 * One row whose counter every directory change bumps in its own transaction: instances compare
 * it with the revision of their cached snapshot and reload when it moved.
 */
export const directoryRevision = pgTable(
  'directory_revision',
  {
    id: integer('id').primaryKey().default(1),
    revision: bigint('revision', { mode: 'number' }).notNull().default(0),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('directory_revision_single_row', sql`${t.id} = 1`)],
);

/** Versioned history of the directory: who changed what, when, from what to what. */
export const directoryChanges = pgTable(
  'directory_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name'),
    entityType: text('entity_type', { enum: ['contacts', 'hours', 'agreement', 'municipality', 'jour_membership'] }).notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
  },
  (t) => [index('directory_changes_entity_idx').on(t.entityType, t.entityId, t.at)],
);

// ───────────────────────────── Cases ─────────────────────────────

export const caseStatuses = [
  'received',
  'triage',
  'handover_pending',
  'accepted',
  'own',
  'forwarded',
  'returned',
  'closed',
] as const;

/** The statuses of a case still being worked on. */
export const openCaseStatuses = ['received', 'triage', 'handover_pending', 'accepted', 'own'] as const satisfies readonly (typeof caseStatuses)[number][];
/** The statuses of a finished case. */
export const doneCaseStatuses = ['forwarded', 'returned', 'closed'] as const satisfies readonly (typeof caseStatuses)[number][];
const statusList = (statuses: readonly string[]) => sql.raw(statuses.map((s) => `'${s}'`).join(', '));

/**
 * One report of concern and its handling. Personal data of the report sits in `report` (jsonb,
 * validated by the case feature's zod schema) and in the few columns needed to search and link
 * (identity number, birth date); gallring nulls them and keeps the rest for statistics.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    status: text('status', { enum: caseStatuses }).notNull(),
    version: integer('version').notNull().default(1),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    receiptDate: date('receipt_date', { mode: 'string' }).notNull(),
    urgency: text('urgency', { enum: ['acute', 'today', 'not_urgent'] }).notNull(),
    reporterUserId: uuid('reporter_user_id').notNull(),
    reporterOrgId: text('reporter_org_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    policeDiaryNumber: text('police_diary_number').notNull(),
    foundMunicipalityCode: text('found_municipality_code').notNull(),
    residenceCode: text('residence_code'),
    identityKind: text('identity_kind', { enum: ['personnummer', 'samordningsnummer', 'unknown'] }).notNull(),
    /** Normalised YYYYMMDD-NNNN; null when unknown or purged. */
    identityNumber: text('identity_number'),
    ageAtReceipt: integer('age_at_receipt'),
    protectedIdentity: boolean('protected_identity').notNull().default(false),
    report: jsonb('report').$type<Record<string, unknown>>(),
    linkedCaseId: uuid('linked_case_id'),
    duplicateFlag: boolean('duplicate_flag').notNull().default(false),
    assignedUserId: uuid('assigned_user_id'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    routing: jsonb('routing').$type<Record<string, unknown>>(),
    basis: text('basis', { enum: ['own_residence', 'agreement', 'own_stay', 'none'] }),
    handling: text('handling', { enum: ['own', 'handover', 'forward', 'return'] }),
    responsibleMunicipalityCode: text('responsible_municipality_code'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedByUserId: uuid('decided_by_user_id'),
    overrideReason: text('override_reason'),
    handoverOrgId: text('handover_org_id'),
    handoverStartedAt: timestamp('handover_started_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedByOrgId: text('accepted_by_org_id'),
    acceptedByUserId: uuid('accepted_by_user_id'),
    acceptedByName: text('accepted_by_name'),
    acceptedVerbally: boolean('accepted_verbally').notNull().default(false),
    skyddsbedomning: jsonb('skyddsbedomning').$type<Record<string, unknown>>(),
    skyddsbedomningAt: timestamp('skyddsbedomning_at', { withTimezone: true }),
    forhandsbedomning: jsonb('forhandsbedomning').$type<Record<string, unknown>>(),
    forhandsbedomningAt: timestamp('forhandsbedomning_at', { withTimezone: true }),
    feedback: jsonb('feedback').$type<Record<string, unknown>>(),
    feedbackAt: timestamp('feedback_at', { withTimezone: true }),
    forwardedTo: jsonb('forwarded_to').$type<Record<string, unknown>>(),
    returnReason: text('return_reason'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /**
     * Jour → office (DESIGN.md rule 5), kept on the case because who may read it depends on them
     * (src/policies/cases.ts, and row-level security): when a case kvitterad by a jour group was
     * passed to the municipality's office intake, when the office gave its own kvittens (from
     * then the jour reads only its own entries), and when the jour's reading ended (the case
     * closed). The record of each handover is case_handovers.
     */
    officePassedAt: timestamp('office_passed_at', { withTimezone: true }),
    officeAcknowledgedAt: timestamp('office_acknowledged_at', { withTimezone: true }),
    jourAccessEndedAt: timestamp('jour_access_ended_at', { withTimezone: true }),
    purgedAt: timestamp('purged_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('cases_number_uq').on(t.number),
    uniqueIndex('cases_idempotency_uq').on(t.reporterOrgId, t.idempotencyKey),
    // The hub queue, oldest open case first (keyset pagination on received_at, id): walked in
    // order and stopped after a page. Through an index on (status, received_at, id) the five open
    // statuses were five ranges, so every open case was read and sorted for each page (16 ms with
    // 3,000 open).
    index('cases_open_idx')
      .on(t.receivedAt, t.id)
      .where(sql`${t.status} in (${statusList(openCaseStatuses)})`),
    // The archive, newest finished case first: walked backwards without stepping over the open
    // cases, which are the newest (57 ms a page behind 40,000 unclaimed reports in the benchmark). A case
    // enters it only when it is finished, so filing pays nothing for it.
    index('cases_done_idx')
      .on(t.receivedAt, t.id)
      .where(sql`${t.status} in (${statusList(doneCaseStatuses)})`),
    // A municipality's cases, one index per way a case can be its (policies/cases.ts). A new
    // report has none of these columns set, so the indexes are partial and filing writes no
    // entry in any of them. Its open cases by age (the open list, oldest first), holding only
    // open cases: walked in order and stopped after a page, whatever the statistics say. Indexes
    // on (way, status, age) left the planner a choice, and with a backlog of unclaimed reports
    // making "open" look common it walked the municipality's whole history by age instead,
    // stepping over its closed cases (57 ms p50 a page behind 122,435 unclaimed reports) …
    index('cases_municipality_open_idx')
      .on(t.responsibleMunicipalityCode, t.receivedAt, t.id)
      .where(sql`${t.handoverStartedAt} is not null and ${t.status} in (${statusList(openCaseStatuses)})`),
    index('cases_handover_org_open_idx')
      .on(t.handoverOrgId, t.receivedAt, t.id)
      .where(sql`${t.handoverOrgId} is not null and ${t.status} in (${statusList(openCaseStatuses)})`),
    index('cases_accepted_org_open_idx')
      .on(t.acceptedByOrgId, t.receivedAt, t.id)
      .where(sql`${t.acceptedByOrgId} is not null and ${t.status} in (${statusList(openCaseStatuses)})`),
    // … and by age alone for its history and "all" lists (newest first), which through the
    // newest-first index below stepped over every case not its own: 51 ms a page behind 40,000
    // unclaimed reports in the benchmark.
    index('cases_municipality_history_idx')
      .on(t.responsibleMunicipalityCode, t.receivedAt, t.id)
      .where(sql`${t.handoverStartedAt} is not null`),
    index('cases_handover_org_history_idx').on(t.handoverOrgId, t.receivedAt, t.id).where(sql`${t.handoverOrgId} is not null`),
    index('cases_accepted_org_history_idx').on(t.acceptedByOrgId, t.receivedAt, t.id).where(sql`${t.acceptedByOrgId} is not null`),
    // All of a reader's cases, newest first: walked backwards, filtered as it goes.
    index('cases_received_idx').on(t.receivedAt, t.id),
    index('cases_reporter_idx').on(t.reporterOrgId, t.receivedAt, t.id),
    index('cases_identity_idx').on(t.identityNumber),
  ],
);

/** The timeline: every transition of a case, in order, with who and what changed. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorOrgId: text('actor_org_id'),
    actorName: text('actor_name'),
    type: text('type').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.id)],
);

/**
 * Who held a case and when, beyond the hub's handover: the jour group that kvitterade it at night
 * (kind 'jour') and the office intake it passes to when the office opens (kind 'office'). An
 * office row is also the engine's work item: due at `pass_at`, claimed with SKIP LOCKED and
 * passed once (passed_at), then kvitterad by the office (acknowledged_at).
 */
export const caseHandovers = pgTable(
  'case_handovers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind', { enum: ['jour', 'office'] }).notNull(),
    orgId: text('org_id').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    /** jour: when it kvitterade; office: when the office opens and the case is to pass to it. */
    passAt: timestamp('pass_at', { withTimezone: true }).notNull(),
    /** office: when the engine passed it (the office's clock starts at pass_at). */
    passedAt: timestamp('passed_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedByUserId: uuid('acknowledged_by_user_id'),
    acknowledgedByName: text('acknowledged_by_name'),
    /** office: the case closed before it passed; jour: its reading of the case ended. */
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('case_handovers_case_kind_uq').on(t.caseId, t.kind),
    index('case_handovers_due_idx').on(t.passAt).where(sql`${t.kind} = 'office' and ${t.passedAt} is null and ${t.endedAt} is null`),
  ],
);

/** Clarification thread between hub, police and (after handover) the receiving municipality. */
export const caseMessages = pgTable(
  'case_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    authorUserId: uuid('author_user_id').notNull(),
    authorOrgId: text('author_org_id').notNull(),
    authorName: text('author_name').notNull(),
    /** A question expects an answer (its clock runs until one comes). */
    kind: text('kind', { enum: ['question', 'answer', 'note'] }).notNull(),
    replyToId: uuid('reply_to_id'),
    body: text('body'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [index('case_messages_case_idx').on(t.caseId, t.at)],
);

export const caseMessageReads = pgTable(
  'case_message_reads',
  {
    messageId: uuid('message_id')
      .notNull()
      .references(() => caseMessages.id),
    orgId: text('org_id').notNull(),
    userId: uuid('user_id').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.orgId] })],
);

/** Each call the hub makes while handing over: to whom, which number, and what happened. */
export const contactAttempts = pgTable(
  'contact_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: uuid('user_id').notNull(),
    orgId: text('org_id'),
    orgName: text('org_name').notNull(),
    label: text('label').notNull(),
    phone: text('phone').notNull(),
    outcome: text('outcome', { enum: ['no_answer', 'busy', 'reached', 'voicemail'] }).notNull(),
    note: text('note'),
  },
  (t) => [index('contact_attempts_case_idx').on(t.caseId, t.at)],
);

// ──────────────────── Information requests (issue 20, DESIGN.md rule 8) ────────────────────

/**
 * The legal grounds a request may cite (e.g. 10 kap. 18 a § OSL), kept by admins as configuration:
 * a ground is retired, never removed, so the requests that cited it keep their reference.
 */
export const legalGrounds = pgTable('legal_grounds', {
  id: text('id').primaryKey(),
  /** As lawyers write it: '10 kap. 28 § OSL'. */
  citation: text('citation').notNull(),
  /** What it allows, in a sentence. */
  description: text('description').notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
  createdAt: createdAt(),
});

/**
 * Another authority (SiS) made party to a case by the social services handling it. It carries the
 * least case identity that authority may see (src/domain/information-requests.ts leastIdentity):
 * the case number, the child's initials and birth year, never the case itself, which row-level
 * security keeps from it.
 */
export const caseParties = pgTable(
  'case_parties',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    caseNumber: text('case_number').notNull(),
    childInitials: text('child_initials'),
    childBirthYear: integer('child_birth_year'),
    /** The audit log's keyed person reference (src/audit/person-ref.ts), so reads by the party name the child too. */
    personRef: text('person_ref'),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
    addedByUserId: uuid('added_by_user_id').notNull(),
    addedByOrgId: text('added_by_org_id').notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('case_parties_case_org_uq').on(t.caseId, t.orgId).where(sql`${t.endedAt} is null`), index('case_parties_org_idx').on(t.orgId, t.addedAt)],
);

/**
 * A request for information about a case from one organisation to another (never to a person),
 * and its life: sent → received → answered | declined | withdrawn, each step with who and when.
 */
export const informationRequests = pgTable(
  'information_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** Shown to every party (SiS included) and in notifications: not personal data. */
    caseNumber: text('case_number').notNull(),
    askingOrgId: text('asking_org_id')
      .notNull()
      .references(() => organisations.id),
    addressedOrgId: text('addressed_org_id')
      .notNull()
      .references(() => organisations.id),
    /** A set of: risk_assessment, gang_affiliation, criminal_groupings, other. */
    kinds: text('kinds').array().notNull(),
    text: text('text').notNull(),
    legalGroundId: text('legal_ground_id')
      .notNull()
      .references(() => legalGrounds.id),
    urgency: text('urgency', { enum: requestUrgencies }).notNull(),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    state: text('state', { enum: requestStates }).notNull().default('sent'),
    version: integer('version').notNull().default(1),
    personRef: text('person_ref'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    sentByUserId: uuid('sent_by_user_id').notNull(),
    sentByName: text('sent_by_name').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    receivedByUserId: uuid('received_by_user_id'),
    receivedByName: text('received_by_name'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredByUserId: uuid('answered_by_user_id'),
    answeredByName: text('answered_by_name'),
    declinedAt: timestamp('declined_at', { withTimezone: true }),
    declinedByUserId: uuid('declined_by_user_id'),
    declinedByName: text('declined_by_name'),
    declineReason: text('decline_reason'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnByUserId: uuid('withdrawn_by_user_id'),
    withdrawnByName: text('withdrawn_by_name'),
    withdrawReason: text('withdraw_reason'),
  },
  (t) => [
    check('information_requests_kinds_nonempty', sql`cardinality(${t.kinds}) between 1 and 4`),
    check('information_requests_not_self', sql`${t.askingOrgId} <> ${t.addressedOrgId}`),
    check('information_requests_declined_reason', sql`${t.state} <> 'declined' or ${t.declineReason} is not null`),
    index('information_requests_case_idx').on(t.caseId, t.sentAt),
    index('information_requests_addressed_idx').on(t.addressedOrgId, t.sentAt),
    index('information_requests_asking_idx').on(t.askingOrgId, t.sentAt),
  ],
);

/** The answer to a request: free text, and for a risk assessment the structured fields. */
export const informationRequestAnswers = pgTable('information_request_answers', {
  requestId: uuid('request_id')
    .primaryKey()
    .references(() => informationRequests.id),
  text: text('text').notNull(),
  riskLevel: text('risk_level', { enum: riskLevels }),
  /** The date of the police's own assessment. */
  assessedOn: date('assessed_on', { mode: 'string' }),
  knownAffiliation: text('known_affiliation', { enum: affiliationAnswers }),
  groupDesignation: text('group_designation'),
  createdAt: createdAt(),
});

// ──────────────────────── Deadlines, escalation, outbox ────────────────────────


/**
 * Escalation policies as data (editable by admins): for a clock, per municipality or the
 * default (municipality_code null), the deadline and the steps that climb after it.
 */
export const escalationPolicies = pgTable(
  'escalation_policies',
  {
    id: text('id').primaryKey(),
    clock: text('clock', { enum: clockKinds }).notNull(),
    municipalityCode: text('municipality_code'),
    name: text('name').notNull(),
    /** Deadline settings, e.g. { minutes: 30 } or { sameDayUntil: '15:00' } or { days: 14 }. */
    deadline: jsonb('deadline').$type<Record<string, unknown>>().notNull(),
    /** Ordered steps: { afterMinutes, target: 'assignee'|'next_contact'|'hub_supervisor'|'municipality_manager', repeatEveryMinutes? }. */
    steps: jsonb('steps').$type<Record<string, unknown>[]>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('escalation_policies_clock_muni_uq').on(t.clock, sql`coalesce(${t.municipalityCode}, '')`)],
);

/** A running clock of a case: its deadline, the escalation step reached and when the next fires. */
export const deadlines = pgTable(
  'deadlines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id').notNull(),
    clock: text('clock', { enum: clockKinds }).notNull(),
    /** For clocks of a sub-object (a question, an information request). */
    subjectId: text('subject_id').notNull().default(''),
    policyId: text('policy_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** When the engine must next act (the deadline, then each escalation step). */
    nextFireAt: timestamp('next_fire_at', { withTimezone: true }),
    step: integer('step').notNull().default(0),
    breachedAt: timestamp('breached_at', { withTimezone: true }),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    stopReason: text('stop_reason'),
    lockedBy: text('locked_by'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('deadlines_running_uq').on(t.caseId, t.clock, t.subjectId).where(sql`${t.stoppedAt} is null`),
    index('deadlines_due_idx').on(t.nextFireAt).where(sql`${t.stoppedAt} is null and ${t.pausedAt} is null`),
    // A case's clocks, stopped ones included (its page, its statistics facts on every change):
    // deadlines_running_uq holds only running clocks, so these read the whole table.
    index('deadlines_case_idx').on(t.caseId),
  ],
);

/** Outgoing notifications (SSE, e-mail, webhook): written in the state change's transaction, sent after commit. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    topic: text('topic').notNull(),
    channel: text('channel', { enum: ['sse', 'email', 'webhook'] }).notNull(),
    /** Where it goes: { orgId } / { userId } / { email } / { webhookId }. No personal data of the child. */
    recipient: jsonb('recipient').$type<Record<string, unknown>>().notNull(),
    /** Case number, what is due, a link: never names, identity numbers or report text. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    dedupeKey: text('dedupe_key'),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed', 'dead'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    sendingUntil: timestamp('sending_until', { withTimezone: true }),
    lockedBy: text('locked_by'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /**
     * Live (SSE) rows: the order they were published in across all instances, drawn under one
     * lock at publication, so it is also commit order. It is the stream's event id: a client
     * reconnecting with Last-Event-ID n has seen everything up to n, which outbox ids (drawn
     * at insert, committed in any order) cannot promise.
     */
    liveSeq: bigint('live_seq', { mode: 'number' }),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [
    // The engine's two queues, each walked in due order by a plain index scan: such a scan marks
    // the entries of rows already sent as dead as it passes them, so under a steady stream of
    // notifications each look costs the new rows, not every row sent since the last vacuum.
    index('outbox_live_due_idx').on(t.nextAttemptAt, t.id).where(sql`${t.status} in ('pending', 'failed') and ${t.channel} = 'sse'`),
    index('outbox_send_due_idx').on(t.nextAttemptAt, t.id).where(sql`${t.status} in ('pending', 'failed') and ${t.channel} in ('email', 'webhook')`),
    // Expired leases, looked for every poll.
    index('outbox_leases_idx').on(t.sendingUntil).where(sql`${t.status} = 'sending'`),
    uniqueIndex('outbox_dedupe_uq').on(t.dedupeKey),
    // A reconnecting stream's catch-up: what was published after its Last-Event-ID.
    uniqueIndex('outbox_live_seq_uq').on(t.liveSeq),
  ],
);

/** Draws outbox.live_seq (see there). */
export const outboxLiveSeq = pgSequence('outbox_live_seq');

export const outboxAttempts = pgTable(
  'outbox_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    outboxId: bigint('outbox_id', { mode: 'number' })
      .notNull()
      .references(() => outbox.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status', { enum: ['sent', 'failed', 'dead'] }).notNull(),
    detail: text('detail'),
  },
  (t) => [index('outbox_attempts_outbox_idx').on(t.outboxId, t.at)],
);

/** Outgoing webhooks (SMS gateway, a municipality's own system), signed with HMAC-SHA256. */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: text('org_id'),
  name: text('name').notNull(),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});

/** A user's chosen channels; units' functional mailboxes are contact_points.email. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    channel: text('channel', { enum: ['sse', 'email', 'webhook'] }).notNull(),
    enabled: boolean('enabled').notNull().default(true),
    address: text('address'),
  },
  (t) => [primaryKey({ columns: [t.userId, t.channel] })],
);

export { clockKinds };

// ───────────────────────────── Statistics ─────────────────────────────

/**
 * The pilot's evidence (DESIGN.md rule 11): one de-identified row per case, computed by
 * src/domain/case-facts.ts from the case and its timeline and rewritten in the transaction of
 * every change of the case (and of its clocks' breaches). No identity number, name, address or
 * free text. Gallring never touches it, so the statistics outlive the personal data. Keyed by
 * the case id only to be kept up to date; the statistics API never returns it.
 */
/**
 * Whole minutes from one milestone to another, rounded half up (Math.round), null when either is
 * missing or the rounded difference is negative: minutesBetween in src/domain/statistics-measures.ts.
 * date_part of an interval is float8 and exact enough here: a difference of whole milliseconds
 * sits at least 1/60000 of a minute from a rounding edge, and a half minute stays exact.
 */
function minutesBetween(name: string, from: string, to: string) {
  const m = sql.raw(`floor(date_part('epoch', "${to}" - "${from}") / 60 + 0.5)`);
  return integer(name).generatedAlwaysAs(sql`case when ${m} >= 0 then ${m}::int end`);
}

export const caseFacts = pgTable(
  'case_facts',
  {
    caseId: uuid('case_id').primaryKey(),
    status: text('status').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    receivedDate: date('received_date', { mode: 'string' }).notNull(),
    receivedHour: smallint('received_hour').notNull(),
    receivedWeekday: smallint('received_weekday').notNull(),
    officeHours: boolean('office_hours').notNull(),
    publicHoliday: boolean('public_holiday').notNull(),
    eve: boolean('eve').notNull(),
    dayBeforeHoliday: boolean('day_before_holiday').notNull(),
    municipalityCode: text('municipality_code'),
    residenceCode: text('residence_code'),
    foundCode: text('found_code').notNull(),
    responsibleCode: text('responsible_code'),
    ageBand: text('age_band').notNull(),
    ageEstimated: boolean('age_estimated').notNull(),
    urgency: text('urgency').notNull(),
    gangRiskTypes: text('gang_risk_types').array().notNull(),
    basis: text('basis'),
    handling: text('handling'),
    inTargetGroup: boolean('in_target_group'),
    handoverContactKind: text('handover_contact_kind'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    firstContactAttemptAt: timestamp('first_contact_attempt_at', { withTimezone: true }),
    handedOverAt: timestamp('handed_over_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedVerbally: boolean('acknowledged_verbally'),
    skyddsbedomningAt: timestamp('skyddsbedomning_at', { withTimezone: true }),
    skyddsbedomningOutcome: text('skyddsbedomning_outcome'),
    forhandsbedomningAt: timestamp('forhandsbedomning_at', { withTimezone: true }),
    forhandsbedomningOutcome: text('forhandsbedomning_outcome'),
    feedbackAt: timestamp('feedback_at', { withTimezone: true }),
    feedbackWithheld: boolean('feedback_withheld'),
    forwardedAt: timestamp('forwarded_at', { withTimezone: true }),
    forwardedToCode: text('forwarded_to_code'),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    refusals: integer('refusals').notNull().default(0),
    releases: integer('releases').notNull().default(0),
    reopenings: integer('reopenings').notNull().default(0),
    contactAttempts: integer('contact_attempts').notNull().default(0),
    questions: integer('questions').notNull().default(0),
    linkedDuplicate: boolean('linked_duplicate').notNull().default(false),
    /** Per clock kind breached or escalated: { breaches, escalations } (src/domain/case-facts.ts ClockTally). */
    clocks: jsonb('clocks').$type<Record<string, { breaches: number; escalations: number }>>().notNull().default({}),
    updatedAt: updatedAt(),
    // The six durations of the statistics (statistics-measures.ts durationMeasures), in whole
    // minutes, kept by PostgreSQL itself from the milestones above, so that the dashboard's scan
    // reads integers from one narrow index instead of computing them per fact and request.
    reportToClaim: minutesBetween('report_to_claim', 'received_at', 'claimed_at'),
    claimToDecision: minutesBetween('claim_to_decision', 'claimed_at', 'decided_at'),
    decisionToKvittens: minutesBetween('decision_to_kvittens', 'decided_at', 'acknowledged_at'),
    reportToKvittens: minutesBetween('report_to_kvittens', 'received_at', 'acknowledged_at'),
    kvittensToSkyddsbedomning: minutesBetween('kvittens_to_skyddsbedomning', 'acknowledged_at', 'skyddsbedomning_at'),
    reportToForhandsbedomning: minutesBetween('report_to_forhandsbedomning', 'received_at', 'forhandsbedomning_at'),
  },
  (t) => [
    // Every statistic is a period of receipt, county-wide or for one municipality.
    index('case_facts_received_idx').on(t.receivedAt),
    // The dashboard's one scan over the facts of its period (src/features/statistics/queries.ts)
    // is an index-only scan of case_facts_statistics_idx: received_date INCLUDE every column it
    // reads (≈ 90 bytes a fact). Drizzle cannot declare INCLUDE: drizzle/0039_statistics_rollups.sql.
    index('case_facts_municipality_received_idx').on(t.municipalityCode, t.receivedAt),
  ],
);

/**
 * Counts of the case facts kept beside them by a trigger (drizzle/0038_statistics_rollups.sql)
 * in the transaction of every fact write, so the dashboard's counts per week, month, weekday,
 * hour and clock read a few hundred rows instead of every fact of the period. Counts only: no
 * case id, nothing to join back to a case. A municipality of null (not yet decided) is a key
 * like any other (NULLS NOT DISTINCT).
 */
export const caseFactDays = pgTable(
  'case_fact_days',
  {
    receivedDate: date('received_date', { mode: 'string' }).notNull(),
    receivedWeekday: smallint('received_weekday').notNull(),
    municipalityCode: text('municipality_code'),
    officeHours: boolean('office_hours').notNull(),
    cases: integer('cases').notNull(),
  },
  (t) => [unique('case_fact_days_key').on(t.receivedDate, t.receivedWeekday, t.municipalityCode, t.officeHours).nullsNotDistinct()],
);

/** Cases per month of receipt and Stockholm hour (see caseFactDays). */
export const caseFactHours = pgTable(
  'case_fact_hours',
  {
    receivedMonth: date('received_month', { mode: 'string' }).notNull(),
    receivedHour: smallint('received_hour').notNull(),
    municipalityCode: text('municipality_code'),
    officeHours: boolean('office_hours').notNull(),
    cases: integer('cases').notNull(),
  },
  (t) => [unique('case_fact_hours_key').on(t.receivedMonth, t.receivedHour, t.municipalityCode, t.officeHours).nullsNotDistinct()],
);

/** Per month of receipt and clock kind: cases with the clock tallied, with a breach, with an escalation (see caseFactDays). */
export const caseFactClocks = pgTable(
  'case_fact_clocks',
  {
    receivedMonth: date('received_month', { mode: 'string' }).notNull(),
    clock: text('clock').notNull(),
    municipalityCode: text('municipality_code'),
    officeHours: boolean('office_hours').notNull(),
    cases: integer('cases').notNull(),
    breached: integer('breached').notNull(),
    escalated: integer('escalated').notNull(),
  },
  (t) => [unique('case_fact_clocks_key').on(t.receivedMonth, t.clock, t.municipalityCode, t.officeHours).nullsNotDistinct()],
);

// ───────────────────────── Accounts: links and four-eyes approvals ─────────────────────────

/**
 * Single-use, expiring links by which a user sets their own password: the invitation of a new
 * account and a reset. Only a SHA-256 hash of the token is kept; the e-mail that carries it has
 * it sealed (src/features/users/password-links.ts). Nobody else ever chooses or sees a password.
 */
export const passwordLinks = pgTable(
  'password_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    purpose: text('purpose', { enum: ['invitation', 'reset'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    /** null when made by `envagin admin invite` on the server. */
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('password_links_token_uq').on(t.tokenHash), index('password_links_user_idx').on(t.userId)],
);

/**
 * A grant or change of access that needs a second person (four eyes): a new account, or a new
 * role, organisation or e-mail address of one, whose role reads case content or administers.
 * Nothing is applied until someone other than the requester approves (src/policies/access-requests.ts).
 */
export const accessRequests = pgTable(
  'access_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['create', 'change'] }).notNull(),
    /** The account changed; null for a new one (created on approval). */
    userId: uuid('user_id').references(() => users.id),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    /** null only for a person from the identity provider that asserted none. */
    email: text('email'),
    role: text('role', { enum: roles }).notNull(),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    /** null: asked by the person's own login through the identity provider (src/features/auth/log-in-oidc.ts). */
    requestedBy: uuid('requested_by'),
    /** The identity provider's account the grant is for; the user is created with it on approval. */
    oidcIssuer: text('oidc_issuer'),
    oidcSubject: text('oidc_subject'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'withdrawn'] }).notNull().default('pending'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('access_requests_pending_user_uq').on(t.userId).where(sql`${t.status} = 'pending' and ${t.userId} is not null`),
    uniqueIndex('access_requests_pending_username_uq').on(sql`lower(${t.username})`).where(sql`${t.status} = 'pending'`),
    index('access_requests_pending_idx').on(t.requestedAt).where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * The disclosure register (utlämnanden, DESIGN.md rule 8): one row per disclosure of a case's data
 * to another organisation, written in the transaction of the operation that discloses
 * (src/audit/record-disclosure.ts). What was disclosed is named by field, never by
 * value; the child by the keyed person reference of the audit log (src/audit/person-ref.ts), so
 * an auditor can list a child's disclosures without the register holding the personnummer.
 * Append-only: no role may change or remove a row (the migration's grants).
 */
export const disclosures = pgTable(
  'disclosures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind', { enum: disclosureKinds }).notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    caseNumber: text('case_number').notNull(),
    /** The keyed reference of the child's identity number; null when the identity is unknown. */
    personRef: text('person_ref'),
    fromOrgId: text('from_org_id').notNull(),
    /** The names as they were at the disclosure: the register reads as it happened. */
    fromName: text('from_name').notNull(),
    /** null when the receiver is no organisation in the directory (a municipality outside the county). */
    toOrgId: text('to_org_id'),
    toName: text('to_name').notNull(),
    fields: text('fields').array().notNull(),
    legalGround: text('legal_ground').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorRole: text('actor_role'),
    requestId: text('request_id'),
  },
  (t) => [
    index('disclosures_at_idx').on(t.at, t.id),
    index('disclosures_person_idx').on(t.personRef, t.at).where(sql`${t.personRef} is not null`),
    index('disclosures_from_idx').on(t.fromOrgId, t.at),
    index('disclosures_to_idx').on(t.toOrgId, t.at),
    index('disclosures_case_idx').on(t.caseId),
  ],
);

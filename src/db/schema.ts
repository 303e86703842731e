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
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { OpeningHours } from '../domain/directory-types.ts';
import { orgKinds, roles } from '../shared/roles.ts';

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
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Append-only, hash-chained audit log. Each row's hash covers its content and the previous
 * row's hash, so a changed, removed or reordered row breaks the chain.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
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
    index('audit_log_actor_idx').on(t.actorUserId, t.at),
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

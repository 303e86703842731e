// Shared schemas of the OpenAPI document (issue 23 point 12): the zod schemas many routes use are
// given a component name in zod's global registry, so fastify-type-provider-zod writes a `$ref`
// to `#/components/schemas/<name>` where a route uses one, instead of inlining it again (a case
// was inlined 16 times: 1.9 MB of document). The global registry, not one of our own, because
// the schemas' descriptions (`.describe()`, doc comments turned meta) live there too, and a
// separate registry would drop them from the document.
import { z } from 'zod';
import { CaseDto, CaseListDto, CaseSummaryDto, ReportBody, SubmitResultDto } from '../shared/api/cases.ts';
import { RoutingDecisionDto } from '../shared/api/routing.ts';
import { SessionDto } from '../shared/api/auth.ts';
import { UserDto, AccessRequestDto } from '../shared/api/users.ts';
import { RequestDto } from '../shared/api/information-requests.ts';
import { OrganisationDto } from '../shared/api/directory.ts';
import { AgreementDto } from '../shared/api/agreements.ts';
import { AuditEntryDto } from '../shared/api/audit.ts';
import { DisclosureDto } from '../shared/api/disclosures.ts';
import { PolicyDto } from '../shared/api/notifications.ts';
import { StatisticsDto } from '../shared/api/statistics.ts';

/** Component name → the schema every route uses for it (by identity: a `.extend()` copy is a schema of its own). */
const shared: Record<string, z.ZodType> = {
  Case: CaseDto,
  CaseSummary: CaseSummaryDto,
  CaseList: CaseListDto,
  Report: ReportBody,
  SubmitResult: SubmitResultDto,
  RoutingDecision: RoutingDecisionDto,
  Session: SessionDto,
  User: UserDto,
  AccessRequest: AccessRequestDto,
  InformationRequest: RequestDto,
  Organisation: OrganisationDto,
  Agreement: AgreementDto,
  AuditEntry: AuditEntryDto,
  Disclosure: DisclosureDto,
  NotificationPolicy: PolicyDto,
  Statistics: StatisticsDto,
};

let registered = false;

/** Names the shared schemas in zod's global registry (once; keeps what metadata they already have). */
export function registerSharedSchemas(): void {
  if (registered) return;
  registered = true;
  for (const [id, schema] of Object.entries(shared)) {
    const meta = z.globalRegistry.get(schema);
    if (meta?.id !== undefined && meta.id !== id) throw new Error(`schema already registered as ${meta.id}, not ${id}`);
    z.globalRegistry.add(schema, { ...meta, id });
  }
}

/** The problem+json body of every error answer (RFC 9457 with the stable `code`). */
export const PROBLEM_SCHEMA = {
  type: 'object' as const,
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' as const },
    title: { type: 'string' as const },
    status: { type: 'integer' as const },
    detail: { type: 'string' as const },
    code: { type: 'string' as const, description: 'Stable error code (src/shared/errors.ts)' },
    instance: { type: 'string' as const },
    requestId: { type: 'string' as const },
  },
};

interface Document {
  components?: { schemas?: Record<string, unknown> };
  [key: string]: unknown;
}

/**
 * The transform writes an input and an output component for every registered schema; only the
 * ones the document refers to stay (Redocly's no-unused-components), following references between
 * components too.
 */
export function withoutUnusedComponents<T extends Document>(document: T): T {
  const schemas = document.components?.schemas ?? {};
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith('#/components/schemas/')) {
        const name = child.slice('#/components/schemas/'.length);
        if (!used.has(name)) {
          used.add(name);
          visit(schemas[name]);
        }
      } else visit(child);
    }
  };
  const { components, ...rest } = document;
  visit(rest);
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return { ...document, components: { ...components, schemas: kept } };
}

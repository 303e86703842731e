// The request shapes the web app reads (types only: the zod schemas stay on the server).
import type { RequestDto } from '../../../shared/api/information-requests.ts';

export type Request = RequestDto;
export type Step = RequestDto['steps'][number];
export type Kind = RequestDto['kinds'][number];

export interface CaseRequests {
  requests: Request[];
  addressees: { orgId: string; name: string; kind: string }[];
  parties: { orgId: string; name: string; addedAt: string }[];
  authorities: { orgId: string; name: string }[];
}

export interface LegalGround {
  id: string;
  citation: string;
  description: string;
  retiredAt: string | null;
}

export const kinds: readonly Kind[] = ['risk_assessment', 'gang_affiliation', 'criminal_groupings', 'other'];
export const riskLevels = ['low', 'elevated', 'high', 'unknown'] as const;
export const affiliations = ['yes', 'no', 'unknown'] as const;

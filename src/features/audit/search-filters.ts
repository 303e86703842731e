// What the log keeps of an auditor's search (audit.searched). The log is append-only and kept for
// years, so a personnummer typed into a search field must not be stored as typed: a field holding
// something shaped like an identity number is stored as its keyed person reference (the same
// reference reads of that child carry, so "who searched for this child" can still be answered).
import { holdsIdentityNumber, personRef } from '../../audit/person-ref.ts';
import { parseIdentityNumber } from '../../domain/identity.ts';

export function filtersForLog(filters: Record<string, unknown>, personKey: string, today: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(filters).map(([name, value]) => {
      if (typeof value !== 'string' || !holdsIdentityNumber(value)) return [name, value];
      const parsed = parseIdentityNumber(value.trim(), today);
      // A valid number as the reads' reference; anything else shaped like one still keyed, never kept.
      return [name, { person: personRef(personKey, parsed.ok ? parsed.normalized : value.replace(/\D/g, '')) }];
    }),
  );
}

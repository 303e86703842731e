// Canonical JSON by RFC 8785 (JSON Canonicalization Scheme): keys sorted by UTF-16 code units at
// every level, numbers and strings as ECMAScript serializes them, toJSON honoured (a Date becomes
// its ISO string, as it does when stored). Used for request hashes and audit hashes, which must
// be recomputable from what the database returns.
import canonicalize from 'canonicalize';

export function canonicalJson(value: unknown): string {
  // canonicalize answers undefined for a bare undefined, as JSON.stringify does.
  return canonicalize(value) ?? 'null';
}

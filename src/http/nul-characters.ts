// PostgreSQL cannot store the NUL character in text or jsonb: a request carrying one would fail
// in the database after validation passed. Any NUL in a body or query string is refused up front
// as bad input, naming the field, so no route has to remember it.

/** The dotted path of the first string holding a NUL character, or null when there is none. */
export function firstNulPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = firstNulPath(item, `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = firstNulPath(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

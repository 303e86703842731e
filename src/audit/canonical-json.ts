// Deterministic JSON (keys sorted at every level) so that a row's hash can be recomputed from
// what the database returns, whatever order jsonb keeps its keys in. Built as one string, without
// the intermediate arrays of entries a map/join would make: it runs for every report (its request
// hash) and every audit row, and its garbage was a visible part of the filing path's collections.
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // The default sort compares UTF-16 code units, as `<` on strings does.
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    out += (out.length > 1 ? ',' : '') + JSON.stringify(key) + ':' + canonicalJson(v);
  }
  return `${out}}`;
}

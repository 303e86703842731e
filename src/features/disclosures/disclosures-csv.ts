// The disclosure register as CSV for the auditor (RFC 4180, semicolon-separated as Swedish Excel
// expects, UTF-8 with a byte-order mark, as the statistics export). Times in Swedish time, the
// organisations by name; the child only by case number (the register holds no identity number).
import { toStockholm } from '../../domain/stockholm-time.ts';
import { uiText } from '../../shared/messages.ts';
import type { DisclosureRow } from './queries.ts';

const quote = (v: string) => (/[";\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const ui = uiText.sv;

export function stockholmTimestamp(at: Date): string {
  const l = toStockholm(at);
  return `${l.date} ${l.time}`;
}

const HEAD = ['Tidpunkt', 'Ärende', 'Typ', 'Från', 'Till', 'Uppgifter', 'Rättslig grund', 'Utlämnat av', 'Roll'];

export function disclosuresCsv(rows: DisclosureRow[]): string {
  const lines = rows.map((r) => [
    stockholmTimestamp(r.at),
    r.caseNumber,
    ui[`disclosureKind.${r.kind}`],
    r.fromName,
    r.toName,
    r.fields.join(', '),
    r.legalGround,
    r.actorName ?? (r.actorRole === null ? ui.systemActor : ''),
    r.actorRole ? (ui[`role.${r.actorRole}` as keyof typeof ui] ?? r.actorRole) : '',
  ]);
  return `\uFEFF${[HEAD, ...lines].map((l) => l.map(quote).join(';')).join('\r\n')}\r\n`;
}

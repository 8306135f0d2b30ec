// Reports > Audit: the audit trail of a period (store-time-zone days), narrowed to an operator
// (who acted or who approved) and to kinds. Only the months the period spans are read. Damaged
// lines (a torn last line after a power cut) are counted and reported beside the rows, never
// dropped silently. Secrets cannot be in the trail (setup-diff writes them as "changed").
import { wallTime } from '../engine/zoned-time.js';
import { readAudit } from '../store/audit/audit-log.js';
import { AUDIT_KINDS, type AuditKind } from '../store/audit/types.js';
import type { Report, Row } from './types.js';

const two = (n: number) => String(n).padStart(2, '0');

/** An instant as the store's wall clock: 2026-12-01 09:00:05. */
export function storeTime(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const w = wallTime(ms, timeZone);
  return `${String(w.year).padStart(4, '0')}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}:${two(w.second)}`;
}

export class AuditKindError extends Error {
  override name = 'AuditKindError';
}

/** "refund,void-line" -> the kinds; an unknown one is refused naming every kind there is. */
export function parseAuditKinds(text: string): AuditKind[] {
  const parts = text.split(',').map((p) => p.trim().toLowerCase()).filter((p) => p !== '');
  if (parts.length === 0) throw new AuditKindError(`--kind needs one or more of ${AUDIT_KINDS.join(', ')}`);
  const bad = parts.filter((p) => !(AUDIT_KINDS as readonly string[]).includes(p));
  if (bad.length > 0) throw new AuditKindError(`unknown audit kind${bad.length > 1 ? 's' : ''} ${bad.map((b) => `"${b}"`).join(', ')}: choose from ${AUDIT_KINDS.join(', ')}`);
  return [...new Set(parts)] as AuditKind[];
}

export const auditReport: Report = {
  name: 'audit',
  title: 'Audit trail',
  describe: 'overrides, refunds, voids, payouts, adjustments, setup changes, logins and failed PINs (period)',
  period: 'day',
  filters: ['operator', 'kinds'],
  columns: [
    { key: 'time', title: 'Time', kind: 'text' },
    { key: 'till', title: 'Till', kind: 'text' },
    { key: 'kind', title: 'Kind', kind: 'text' },
    { key: 'operator', title: 'Operator', kind: 'text' },
    { key: 'approvedBy', title: 'Approved by', kind: 'text' },
    { key: 'action', title: 'Action', kind: 'text' },
    { key: 'ref', title: 'Ref', kind: 'text' },
    { key: 'field', title: 'Field', kind: 'text' },
    { key: 'old', title: 'Old', kind: 'text' },
    { key: 'new', title: 'New', kind: 'text' },
    { key: 'detail', title: 'Detail', kind: 'text' },
  ],
  rows(ctx) {
    const timeZone = ctx.store.get('settings').company.timeZone;
    const { fromIso, toIso } = ctx.period.range;
    const kinds = ctx.filters?.kinds;
    const read = readAudit(ctx.store.dir, {
      ...(fromIso !== undefined ? { fromMs: Date.parse(fromIso) } : {}),
      // The period's end is exclusive, the filter's inclusive.
      ...(toIso !== undefined ? { toMs: Date.parse(toIso) - 1 } : {}),
      ...(kinds !== undefined && kinds.length > 0 ? { kinds } : {}),
    });
    if (read.damaged > 0) {
      ctx.warn?.(`${read.damaged} damaged audit line${read.damaged === 1 ? ' was' : 's were'} skipped (bad checksum: a torn write; tillpoint doctor checks the files)`);
    }
    // Codes are kept upper case; a failed PIN keeps the code as typed, so compare without case.
    const who = ctx.filters?.operator?.trim().toUpperCase();
    const entries = who ? read.entries.filter((e) => e.operator.toUpperCase() === who || e.approvedBy?.toUpperCase() === who) : read.entries;
    return entries.map((e): Row => ({
      time: storeTime(e.at, timeZone),
      till: e.till ?? '',
      kind: e.kind,
      operator: e.operator,
      approvedBy: e.approvedBy ?? '',
      action: e.action ?? '',
      ref: e.ref ?? '',
      field: e.field ?? '',
      old: e.old ?? '',
      new: e.new ?? '',
      detail: e.detail,
    }));
  },
};

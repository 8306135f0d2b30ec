// The Accrue Loyalties runs in the back-office journal: each run's documents share its run id.
import { summariseAccrual, type LoyaltyRow } from '../engine/loyalty/index.js';
import { BACK_OFFICE_JOURNAL } from '../store/back-office-types.js';
import type { JournalRecord } from '../store/journal-format.js';
import { eachInPeriod } from './documents.js';
import { inPeriod } from './period.js';
import type { Report, ReportContext } from './types.js';

function eachBackOffice(ctx: ReportContext, each: (rec: JournalRecord) => void): void {
  if (ctx.period.range.fromIso !== undefined) {
    eachInPeriod(ctx, ctx.period, each);
    return;
  }
  // Every run ever: only the back-office journal is read (the others from past their end).
  const from = new Map(ctx.store.journals.counts().map((c) => [c.till, c.till === BACK_OFFICE_JOURNAL ? 0 : Number.MAX_SAFE_INTEGER]));
  ctx.store.journals.scanFrom(from, (rec) => each(rec));
}

export const accrualHistoryReport: Report = {
  name: 'accrual-history',
  title: 'Accrual history',
  describe: 'Accrue Loyalties runs: when, debtors, posted, journal credited, zeroed (all, or the period)',
  period: 'all',
  totals: true,
  columns: [
    { key: 'run', title: 'Run', kind: 'text' },
    { key: 'at', title: 'When', kind: 'text' },
    { key: 'operator', title: 'Operator', kind: 'text' },
    { key: 'documents', title: 'Documents', kind: 'count' },
    { key: 'debtors', title: 'Debtors', kind: 'count' },
    { key: 'posted', title: 'Posted', kind: 'money' },
    { key: 'journalCredited', title: 'Journal credited', kind: 'money' },
    { key: 'zeroed', title: 'Zeroed', kind: 'money' },
  ],
  rows(ctx) {
    const runs = new Map<string, { at: string; operator: string; documents: number; rows: LoyaltyRow[] }>();
    eachBackOffice(ctx, (rec) => {
      const doc = rec.doc;
      if (rec.till !== BACK_OFFICE_JOURNAL || doc.kind !== 'loyalty' || doc.action !== 'accrual' || !doc.runId) return;
      if (!inPeriod(ctx.period, doc.completedAt)) return;
      let run = runs.get(doc.runId);
      if (!run) runs.set(doc.runId, (run = { at: doc.completedAt, operator: doc.operator, documents: 0, rows: [] }));
      run.documents += 1;
      run.rows.push(...(rec.rows as LoyaltyRow[]));
    });
    return [...runs.entries()].map(([run, r]) => {
      const sum = summariseAccrual(r.rows);
      return { run, at: r.at, operator: r.operator, documents: r.documents, debtors: sum.debtors, posted: sum.posted, journalCredited: sum.journalCredited, zeroed: sum.zeroed };
    });
  },
};

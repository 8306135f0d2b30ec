// One Accrue Loyalties run over the store (SPEC section 4 rules 6, 7 and 10). Debtors go in
// batches; each batch is at most two back-office records: its postings (and zeroings), then its
// journal credits. Every record is whole or absent after a crash, and the plan is made from the
// books as they stand, so a rerun after a crash anywhere appends exactly what is missing: the
// balances and ledger totals end as after one clean run.
import { planAccrual, summariseAccrual, LOYALTY_APPLICABLE } from '../engine/loyalty/index.js';
import type { LoyaltyRow } from '../engine/loyalty/index.js';
import { EngineError, ERR } from '../engine/errors.js';
import type { AccrueProgress, AccrueRequest, AccrueResult, LoyaltyDoc } from './back-office-types.js';
import { BACK_OFFICE_JOURNAL } from './back-office-types.js';
import type { BackOffice } from './back-office.js';
import { saveBook } from './books-snapshot.js';
import { LoyaltyBook } from './loyalty-book.js';
import { crashPoint } from './crash-points.js';

/** Debtors per batch: large enough that fsyncs do not dominate, small enough to show progress. */
export const ACCRUAL_BATCH = 500;

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function runAccrual(bo: BackOffice, req: AccrueRequest, onProgress?: (p: AccrueProgress) => void): Promise<AccrueResult> {
  const kinds = [...new Set(req.kinds)];
  if (kinds.length === 0) throw new EngineError(ERR.BAD_AMOUNT, 'Choose at least one kind of debtor to process');
  for (const k of kinds) {
    if (k === 'no' || !LOYALTY_APPLICABLE.includes(k)) throw new EngineError(ERR.BAD_AMOUNT, `Kinds to process: "${String(k)}" is not a kind of loyalty debtor`);
  }
  // The run saves the books itself when it ends: not also when they are opened.
  LoyaltyBook.of(bo.store, { save: false });
  return bo.withWriter(async (w) => {
    const at = bo.at();
    const runId = w.documentNumber();
    const cal = bo.book.calendar();
    const wanted = new Set(kinds);
    const debtors = bo.store.get('debtors').debtors.filter((d) => wanted.has(d.loyalty.applicable));
    const all: LoyaltyRow[] = [];
    const documents: string[] = [];
    const append = (rows: LoyaltyRow[], what: string): void => {
      if (rows.length === 0) return;
      const number = w.documentNumber();
      const doc: LoyaltyDoc = { kind: 'loyalty', number, till: BACK_OFFICE_JOURNAL, action: 'accrual', operator: req.operator,
        completedAt: at, memo: `Accrue Loyalties ${runId}: ${what}`, runId };
      bo.write(w, doc, rows);
      documents.push(number);
      all.push(...rows);
    };
    onProgress?.({ done: 0, total: debtors.length });
    for (let i = 0; i < debtors.length; i += ACCRUAL_BATCH) {
      if (i > 0) crashPoint('accrual:between-debtors');
      // Sales rung up at the tills meanwhile are in the books before this batch is planned.
      bo.book.catchUp();
      const batch = debtors.slice(i, i + ACCRUAL_BATCH);
      const rows = planAccrual({ ...cal, kinds, zeroUnused: req.zeroUnused, at, runId,
        debtors: batch.map((d) => ({ code: d.code, applicable: d.loyalty.applicable, state: bo.book.ledgerState(d.code) })) });
      crashPoint('accrual:before-posting');
      append(rows.filter((r) => r.kind !== 'journal-credit'), 'postings');
      crashPoint('accrual:after-posting');
      append(rows.filter((r) => r.kind === 'journal-credit'), 'journal credits');
      onProgress?.({ done: Math.min(debtors.length, i + batch.length), total: debtors.length });
      await tick();
    }
    crashPoint('accrual:before-snapshot');
    // The daily run keeps the books' snapshot fresh, so a till's first look-up reads at most a day.
    saveBook(bo.store, bo.book);
    const sum = summariseAccrual(all);
    return { runId, considered: debtors.length, debtors: sum.debtors, posted: sum.posted, journalCredited: sum.journalCredited,
      zeroed: sum.zeroed, documents };
  });
}

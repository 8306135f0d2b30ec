// Journal enquiry filters.
import { describe, expect, it } from 'vitest';
import { buildEntry } from '../../../src/engine/ledger/entry.js';
import { LEDGER_ERR } from '../../../src/engine/ledger/errors.js';
import { filterJournal } from '../../../src/engine/ledger/journal-filter.js';
import type { LedgerEntry, LedgerEntryKind } from '../../../src/engine/ledger/types.js';
import { A, expectLedgerError } from './helpers.js';

const entry = (source: string, kind: LedgerEntryKind, at: string, account: string): LedgerEntry =>
  buildEntry({ source, kind, at }, [{ account, amount: 100 }, { account: A.sales, amount: -100 }]) as LedgerEntry;

const J: LedgerEntry[] = [
  entry('T1-000001', 'sale', '2026-03-31T21:59:59Z', A.cash),
  entry('T1-000002', 'sale', '2026-03-31T22:00:00Z', A.card),
  entry('R1-000001', 'refund', '2026-04-01T08:00:00.500Z', A.cash),
  entry('P1', 'payment', '2026-04-01T10:00:00+02:00', A.debtors),
  entry('L-1', 'loyalty-accrual-posting', '2026-04-30T22:00:00Z', A.loyaltyAccrued),
];
const ids = (es: LedgerEntry[]): string[] => es.map((e) => e.source);

describe('filterJournal', () => {
  const cases: [string, Parameters<typeof filterJournal>[1], string[]][] = [
    ['no filter: everything, in journal order', {}, ['T1-000001', 'T1-000002', 'R1-000001', 'P1', 'L-1']],
    // 1 April 00:00 in Johannesburg is 31 March 22:00 UTC: instants compare as instants
    ['from is inclusive, to exclusive', { from: '2026-04-01T00:00:00+02:00', to: '2026-04-01T08:00:00.500Z' }, ['T1-000002', 'P1']],
    ['offsets and fractions compare by instant, not by text', { from: '2026-04-01T08:00:00Z', to: '2026-04-01T08:00:00.501Z' }, ['R1-000001', 'P1']],
    ['P1 (10:00 at +02:00) is 08:00Z, before the refund at 08:00:00.5Z', { from: '2026-04-01T08:00:00.5Z' }, ['R1-000001', 'L-1']],
    ['account: entries with a line on it', { account: A.cash }, ['T1-000001', 'R1-000001']],
    ['account on every entry', { account: A.sales }, ['T1-000001', 'T1-000002', 'R1-000001', 'P1', 'L-1']],
    ['source', { source: 'P1' }, ['P1']],
    ['one kind', { kind: 'sale' }, ['T1-000001', 'T1-000002']],
    ['several kinds', { kind: ['refund', 'loyalty-accrual-posting'] }, ['R1-000001', 'L-1']],
    ['filters combine', { kind: 'sale', account: A.cash, from: '2026-03-01T00:00:00Z' }, ['T1-000001']],
    ['nothing matches', { source: 'nope' }, []],
  ];
  it.each(cases)('%s', (_, filter, expected) => {
    expect(ids(filterJournal(J, filter))).toEqual(expected);
  });

  it('returns entries whole (every line), not only the lines on the account', () => {
    const [e] = filterJournal(J, { account: A.debtors });
    expect(e!.lines).toHaveLength(2);
  });

  it('refuses a bad instant, a range that runs backwards and an unknown kind', () => {
    expectLedgerError(() => filterJournal(J, { from: '2026-04-01' }), LEDGER_ERR.BAD_ENTRY);
    expectLedgerError(() => filterJournal(J, { from: '2026-04-02T00:00:00Z', to: '2026-04-01T00:00:00Z' }), LEDGER_ERR.BAD_FILTER);
    expectLedgerError(() => filterJournal(J, { kind: 'gift' as LedgerEntryKind }), LEDGER_ERR.BAD_FILTER);
  });
});

// The POS screen's pure parts: entry parsing, windowing, line layout, hot keys, view reducers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigText } from '../../../src/screens/pos/big-text.js';
import { parseQty, parseScanEntry } from '../../../src/screens/pos/entry.js';
import { fit, formatSaleLine, itemCount, lineHeader, totalsCells } from '../../../src/screens/pos/format.js';
import { initialPosView, posReducer } from '../../../src/screens/pos/pos-state.js';
import { defaultRefundTender, initialRefundView, refundReducer, refundRequest } from '../../../src/screens/pos/refund-state.js';
import { dueOnTender, tenderForKey, tenderHotKeys } from '../../../src/screens/pos/tender-state.js';
import { clampScroll, moveSelection, windowStart } from '../../../src/screens/pos/window.js';
import type { SaleLine } from '../../../src/engine/types.js';
import type { Tender } from '../../../src/engine/types.js';

const tender = (code: string, name: string, kind: Tender['kind']): Tender => ({ code, name, kind, ledgerAccount: '8400', useLoyaltyPlus: false });
const TENDERS = [tender('CASH', 'Cash', 'cash'), tender('CARD', 'Card', 'card'), tender('ACC', 'Account', 'account'), tender('LOY', 'Loyalty', 'loyalty')];

const FMT = { symbol: 'R', decimals: 2 };
const line = (over: Partial<SaleLine> = {}): SaleLine => ({
  id: 1, itemCode: 'MILK', barcode: '6001000000011', description: 'Full Cream Milk 1L', qty: 2, unitPrice: 1899,
  taxRate: 1500, discount: 0, voided: false, ...over,
});

describe('entry parsing', () => {
  it('reads a plain scan with the pending F4 quantity', () => {
    expect(parseScanEntry(' 6001000000011 ')).toEqual({ kind: 'scan', code: '6001000000011', qty: undefined });
    expect(parseScanEntry('6001000000011', 4)).toEqual({ kind: 'scan', code: '6001000000011', qty: 4 });
  });
  it('reads a quantity prefix, which wins over a pending quantity', () => {
    expect(parseScanEntry('3*6001000000011', 5)).toEqual({ kind: 'scan', code: '6001000000011', qty: 3 });
  });
  it('refuses a bad prefix or a missing code with a message', () => {
    expect(parseScanEntry('0*MILK')).toMatchObject({ kind: 'error', message: expect.stringContaining('1 to 9999') });
    expect(parseScanEntry('x*MILK')).toMatchObject({ kind: 'error' });
    expect(parseScanEntry('3*')).toMatchObject({ kind: 'error', message: expect.stringContaining('after the "*"') });
    expect(parseScanEntry('   ')).toEqual({ kind: 'empty' });
  });
  it('parses quantities 1..9999 only', () => {
    expect(parseQty('12')).toEqual({ qty: 12 });
    expect(parseQty('10000')).toHaveProperty('message');
    expect(parseQty('1.5')).toHaveProperty('message');
  });
});

describe('windowing', () => {
  it('keeps the selection visible and moves the window as little as possible', () => {
    fc.assert(fc.property(fc.nat(200), fc.nat(200), fc.integer({ min: 1, max: 30 }), fc.nat(200), (count, sel, rows, prev) => {
      const selected = count === 0 ? 0 : sel % count;
      const start = windowStart(selected, count, rows, prev);
      expect(start).toBeGreaterThanOrEqual(0);
      if (count > rows) {
        expect(start).toBeLessThanOrEqual(count - rows);
        expect(selected).toBeGreaterThanOrEqual(start);
        expect(selected).toBeLessThan(start + rows);
      } else {
        expect(start).toBe(0);
      }
    }));
    expect(windowStart(5, 20, 10, 0)).toBe(0);
    expect(windowStart(12, 20, 10, 0)).toBe(3);
    expect(windowStart(4, 20, 10, 3)).toBe(3);
    expect(windowStart(2, 20, 10, 3)).toBe(2);
  });
  it('clamps selection moves and slip scrolling', () => {
    expect(moveSelection(0, -1, 5)).toBe(0);
    expect(moveSelection(3, 10, 5)).toBe(4);
    expect(moveSelection(3, 1, 0)).toBe(0);
    expect(clampScroll(50, 30, 10)).toBe(20);
    expect(clampScroll(-3, 30, 10)).toBe(0);
    expect(clampScroll(5, 4, 10)).toBe(0);
  });
});

describe('line layout', () => {
  it('fits text to a width, marking cut text', () => {
    expect(fit('abc', 5)).toBe('abc  ');
    expect(fit('abc', 5, 'right')).toBe('  abc');
    expect(fit('abcdef', 4)).toBe('abc~');
  });
  it('formats a line to exactly the width, with value and discount', () => {
    const row = formatSaleLine(line({ discount: 300 }), 1, 80, FMT);
    expect(row).toHaveLength(80);
    expect(lineHeader(80)).toHaveLength(80);
    expect(row).toContain('Full Cream Milk 1L');
    expect(row).toContain('-3.00');
    expect(row.trimEnd().endsWith('34.98')).toBe(true);
  });
  it('says VOID in text on a voided line, and narrow widths still fit', () => {
    const row = formatSaleLine(line({ voided: true, description: 'A very long description that will not fit' }), 12, 60, FMT);
    expect(row).toHaveLength(60);
    expect(row.trimEnd().endsWith('VOID')).toBe(true);
    expect(row).toContain('~');
  });
  it('counts items on active lines and shows due or change', () => {
    const lines = [line(), line({ id: 2, qty: 3, voided: true }), line({ id: 3, qty: 1 })];
    expect(itemCount(lines)).toBe(3);
    const due = totalsCells(lines, { total: 5697, tax: [], taxTotal: 743, tendered: 0, rounding: 0, due: 5697, change: 0, settled: false }, FMT);
    expect(due.map((c) => c.label)).toEqual(['Items', 'Total', 'Tax', 'Tendered', 'Due']);
    expect(due[4]?.value).toBe('R56.97');
    const change = totalsCells(lines, { total: 5697, tax: [], taxTotal: 743, tendered: 6000, rounding: 0, due: 0, change: 303, settled: true }, FMT);
    expect(change[4]).toEqual({ label: 'Change', value: 'R3.03' });
  });
  it('draws large figures in three rows and keeps unknown characters', () => {
    const rows = bigText('R12.50');
    expect(rows).toHaveLength(3);
    expect(rows[2]).toContain('R');
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
    expect(bigText('8')).toEqual([' _ ', '|_|', '|_|']);
  });
});

describe('tender hot keys', () => {
  it('gives each tender a distinct letter', () => {
    const keys = tenderHotKeys(TENDERS);
    expect(keys).toEqual(['C', 'A', 'O', 'L']);
    expect(new Set(keys).size).toBe(keys.length);
    expect(tenderForKey('c', keys)).toBe(0);
    expect(tenderForKey('A', keys)).toBe(1);
    expect(tenderForKey('2', keys)).toBe(-1); // digits never pick: a stray scan must not
    expect(tenderForKey('1', keys)).toBe(-1);
    expect(tenderForKey('9', keys)).toBe(-1);
    expect(tenderForKey('z', keys)).toBe(-1);
  });
  it('rounds only the cash due', () => {
    expect(dueOnTender(1897, 'cash', 5)).toBe(1895);
    expect(dueOnTender(1898, 'cash', 10)).toBe(1900);
    expect(dueOnTender(1897, 'card', 5)).toBe(1897);
  });
  it('defaults refunds to CASH', () => {
    expect(defaultRefundTender(TENDERS)).toBe(0);
    expect(defaultRefundTender([{ code: 'CARD', kind: 'card' }, { code: 'NOTES', kind: 'cash' }])).toBe(1);
  });
});

describe('POS view reducer', () => {
  it('selects a newly added line and clamps after lines go', () => {
    let s = initialPosView(0, null);
    s = posReducer(s, { type: 'linesChanged', count: 3, rows: 2 });
    expect(s.selected).toBe(2);
    s = posReducer(s, { type: 'move', delta: -1, rows: 2 });
    expect(s.selected).toBe(1);
    s = posReducer(s, { type: 'move', delta: -5, rows: 2 });
    expect(s.selected).toBe(0);
    s = posReducer(s, { type: 'linesChanged', count: 0, rows: 2 });
    expect(s.selected).toBe(0);
  });
  it('treats the document completed before the screen opened as already shown', () => {
    const s = initialPosView(0, 'T1-000004');
    expect(s.slipDoc).toBe('T1-000004');
    expect(posReducer(s, { type: 'showSlip', doc: 'T1-000005' })).toMatchObject({ mode: 'slip', slipDoc: 'T1-000005' });
  });
});

describe('refund reducer', () => {
  const lines = [
    { lineNo: 1, itemCode: 'MILK', description: 'Milk', sold: 3, refunded: 1, refundable: 2, unitValue: 1899 },
    { lineNo: 2, itemCode: 'EGGS', description: 'Eggs', sold: 1, refunded: 0, refundable: 1, unitValue: 3299 },
  ];
  const loaded = refundReducer(initialRefundView, { type: 'loaded', sale: {} as never, lines });
  it('toggles a line to its refundable quantity and back', () => {
    const on = refundReducer(loaded, { type: 'toggle' });
    expect(refundRequest(on)).toEqual([{ lineNo: 1, qty: 2 }]);
    expect(refundRequest(refundReducer(on, { type: 'toggle' }))).toEqual([]);
  });
  it('steps with +/- up to what was sold and sets typed numbers as they are', () => {
    let s = refundReducer(loaded, { type: 'step', delta: 1 });
    for (let i = 0; i < 5; i += 1) s = refundReducer(s, { type: 'step', delta: 1 });
    expect(s.qty[0]).toBe(3);
    s = refundReducer(s, { type: 'step', delta: -1 });
    expect(s.qty[0]).toBe(2);
    s = refundReducer(s, { type: 'move', delta: 1 });
    s = refundReducer(s, { type: 'digit', digit: '1' });
    s = refundReducer(s, { type: 'digit', digit: '2' });
    expect(refundRequest(s)).toEqual([{ lineNo: 1, qty: 2 }, { lineNo: 2, qty: 12 }]);
  });
});

describe('small helpers', () => {
  it('view store dispatches synchronously and only notifies on change', async () => {
    const { createViewStore } = await import('../../../src/screens/pos/view-store.js');
    const store = createViewStore((n: number, d: number) => n + d, 0);
    let calls = 0;
    store.subscribe(() => { calls += 1; });
    store.dispatch(2);
    expect(store.get()).toBe(2);
    store.dispatch(0);
    expect(calls).toBe(1);
  });
  it('find selection resets on a new query and pages within the results', async () => {
    const { findReducer, findLimit } = await import('../../../src/screens/pos/find-state.js');
    const s = findReducer({ selected: 0 }, { type: 'move', delta: 5, count: 3 });
    expect(s.selected).toBe(2);
    expect(findReducer(s, { type: 'reset' }).selected).toBe(0);
    expect(findLimit(0, 10)).toBe(11);
    expect(findLimit(20, 10)).toBe(31);
  });
  it('keeps the file name of a long slip path', async () => {
    const { tailFit } = await import('../../../src/screens/pos/slip-panel.js');
    const cut = tailFit('/very/long/folder/slips/2026-05-01/T1-000001-40.txt', 20);
    expect(cut).toHaveLength(20);
    expect(cut.startsWith('~')).toBe(true);
    expect(cut.endsWith('T1-000001-40.txt')).toBe(true);
    expect(tailFit('/a/b.txt', 20)).toBe('/a/b.txt');
  });
  it('marks every returnable line and clears one', () => {
    const lines = [
      { lineNo: 1, itemCode: 'MILK', description: 'Milk', sold: 3, refunded: 3, refundable: 0, unitValue: 1899 },
      { lineNo: 2, itemCode: 'EGGS', description: 'Eggs', sold: 2, refunded: 0, refundable: 2, unitValue: 3299 },
    ];
    let s = refundReducer(initialRefundView, { type: 'loaded', sale: {} as never, lines });
    s = refundReducer(s, { type: 'markAll' });
    expect(refundRequest(s)).toEqual([{ lineNo: 2, qty: 2 }]);
    s = refundReducer(refundReducer(s, { type: 'move', delta: 1 }), { type: 'clearLine' });
    expect(refundRequest(s)).toEqual([]);
  });
  it('says what was recorded', async () => {
    const { completedText } = await import('../../../src/screens/pos/pos-screen.js');
    const sale = { kind: 'sale', saleNumber: 'T1-000007', change: 250 } as never;
    expect(completedText(sale, FMT)).toBe('Sale T1-000007 complete: change R2.50');
    const refund = { kind: 'refund', refundNumber: 'T1-000008', saleNumber: 'T1-000007', tenders: [{ amount: 1000 }] } as never;
    expect(completedText(refund, FMT)).toBe('Refund T1-000008 of sale T1-000007 recorded: pay out R10.00');
  });
});

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DebtorsScreen } from '../../../src/screens/debtors/debtors.js';
import { PAYMENT_ELSEWHERE } from '../../../src/screens/debtors/debtor-account.js';
import { paymentTenders } from '../../../src/screens/debtors/receive-payment-fields.js';
import { JournalScreen } from '../../../src/screens/ledger/journal.js';
import { backOffice } from '../../../src/store/index.js';
import type { Rendered } from '../render.js';
import { ENTER, ESC, F1, F2, F3, F10, INS, PGDN, RIGHT, TAB } from '../keys.js';
import { renderScreen, rowWith, tallestFrame } from '../forms/harness.js';
import { ACC, openBooks, type Books } from '../ledger/ledger-harness.js';

const CLEAR = '\x15';

let books: Books | undefined;
let view: Rendered | undefined;
afterEach(() => {
  if (view) expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  view?.unmount();
  books?.close();
  view = undefined;
  books = undefined;
});

const focusedOn = (label: string) => (f: string): boolean => rowWith(f, label).startsWith('│ >');

/** The back-office journal's records as written (`<crc> <json>` a line). */
function backOfficeRecords(b: Books): { doc: Record<string, unknown> }[] {
  const file = path.join(b.tmp.dir, 'journals', 'BACKOFFICE.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l.slice(l.indexOf(' ') + 1)));
}

/** The Debtor file of D1 on its Account tab (D1 owes 230.00 of a 500.00 limit). */
async function openAccountTab(): Promise<{ view: Rendered; books: Books }> {
  books = await openBooks();
  view = await renderScreen(<DebtorsScreen />, books.tmp.store, 'Debtors');
  await view.waitFor('Thandi');
  await view.write(ENTER);
  await view.waitFor('Debtors › Edit D1');
  return { view, books };
}

describe('Debtor file > Account > Receive Payment', () => {
  it('shows balance, credit limit and headroom; F2 only on the Account tab, offered only on this form', async () => {
    const { view } = await openAccountTab();
    let f = view.frame();
    expect(rowWith(f, 'F1 Help')).toContain('F2 Payment');
    await view.write(F2);
    await view.waitFor(PAYMENT_ELSEWHERE);
    await view.write(PGDN);
    f = await view.waitFor(focusedOn('Credit limit'));
    expect(rowWith(f, 'Credit limit')).toContain('500.00');
    expect(rowWith(f, 'Account balance')).toContain('R230.00');
    expect(rowWith(f, 'Headroom')).toContain('R270.00');
    await view.write(F1);
    f = await view.waitFor('Receive a payment');
    await view.write(ESC);
    await view.waitFor(focusedOn('Credit limit'));
    // The Add form has no debtor to take a payment for: no F2 there.
    await view.write(ESC);
    await view.waitFor((fr) => !fr.includes('Edit D1'));
    await view.write(INS);
    f = await view.waitFor('Debtors › Add');
    expect(rowWith(f, 'F1 Help')).not.toContain('Payment');
  });

  it('refuses at the field, asks, records the payment, shows the receipt and the new balance', async () => {
    const opened = await openAccountTab();
    const { books } = opened;
    let v = opened.view;
    await v.write(PGDN);
    await v.waitFor(focusedOn('Credit limit'));
    await v.write(F2);
    let f = await v.waitFor('Debtors › Edit D1 › Receive Payment');
    expect(rowWith(f, 'Account balance')).toContain('R230.00');
    expect(rowWith(f, 'Headroom')).toContain('R270.00');
    expect(rowWith(f, 'Tender')).toContain('Cash (CASH)');
    await v.write(`0${TAB}`);
    await v.waitFor('Amount: enter an amount more than 0');
    await v.write(`${CLEAR}12.345${TAB}`);
    await v.waitFor('at most 2 decimals');
    await v.write(`${CLEAR}100.50${TAB}`);
    await v.waitFor(focusedOn('Tender'));
    await v.write(RIGHT);
    f = await v.waitFor('Card (CARD)');
    // Only money that comes in: cash, card, other; never the account or loyalty tenders.
    await v.write(RIGHT);
    await v.waitFor('Cash (CASH)');
    await v.write(`${RIGHT}${TAB}EFT 42`);
    await v.write(F10);
    f = await v.waitFor('Receive this payment?');
    expect(f).toContain('R100.50 from D1 Thandi Mokoena by Card, ref EFT 42');
    expect(f).toContain('Balance after: R129.50');
    await v.write('n');
    await v.waitFor('Not done: nothing was written');
    expect(backOfficeRecords(books)).toEqual([]);
    expect(backOffice(books.tmp.store).account('D1').balance).toBe(23000);

    await v.write(F10);
    await v.waitFor('Receive this payment?');
    await v.write('y');
    f = await v.waitFor('Payment received');
    const records = backOfficeRecords(books);
    expect(records).toHaveLength(1);
    const doc = records[0]!.doc;
    expect(doc).toMatchObject({ kind: 'payment', debtor: 'D1', amount: 10050, tenderCode: 'CARD', reference: 'EFT 42', operator: 'system', drawer: null });
    expect(rowWith(f, 'Receipt')).toContain(String(doc.number));
    expect(rowWith(f, 'New balance')).toContain('R129.50');
    expect(rowWith(f, 'Headroom')).toContain('R370.50');
    // Back on the Debtor file: its Account tab shows the figures after the payment.
    await v.write(ENTER);
    f = await v.waitFor((fr) => fr.includes('Debtors › Edit D1') && !fr.includes('Receive Payment'));
    expect(rowWith(f, 'Account balance')).toContain('R129.50');
    expect(rowWith(f, 'Headroom')).toContain('R370.50');
    expect(f).toContain(`Payment ${String(doc.number)} received`);
    v.unmount();

    // The journal lists it: Dr Card Clearing, Cr Debtors Control, 100.50 each.
    v = await renderScreen(<JournalScreen />, books.tmp.store, 'Journal');
    view = v;
    await v.write(F3);
    await v.waitFor('Journal › Filter');
    await v.write(`${TAB}${TAB}${TAB}${TAB}${RIGHT.repeat(3)}${F10}`);
    f = await v.waitFor('Entries 1-1 of 1');
    expect(rowWith(f, String(doc.number))).toMatch(/payment\s+Payment on account D1/);
    expect(rowWith(f, ACC.card)).toMatch(/Card Clearing\s+100\.50/);
    expect(rowWith(f, ACC.debtors)).toMatch(/Debtors Control\s+100\.50/);
    expect(rowWith(f, 'Totals of the 1 entry shown')).toMatch(/100\.50\s+100\.50/);
    expect(backOffice(books.tmp.store).trialBalance().rows.find((r) => r.account === ACC.debtors)?.balance).toBe(23000 - 10050);
  });

  it('shows a refusal of the books at its field and writes nothing', async () => {
    const { view, books } = await openAccountTab();
    await view.write(PGDN);
    await view.waitFor(focusedOn('Credit limit'));
    await view.write(F2);
    await view.waitFor('Receive Payment');
    // Another terminal removes the Card tender while the form is open.
    await books.tmp.store.edit('tenders', (d) => {
      d.tenders = d.tenders.filter((t) => t.code !== 'CARD');
    });
    await view.write(`50${TAB}${RIGHT}${F10}`);
    await view.waitFor('Receive this payment?');
    await view.write('y');
    const f = await view.waitFor('Tender: no tender with code');
    expect(rowWith(f, 'Tender')).toMatch(/^│ >!/);
    expect(backOfficeRecords(books)).toEqual([]);
    expect(backOffice(books.tmp.store).account('D1').balance).toBe(23000);
    // Esc leaves the payment (asking, as there are edits) and the Debtor file is still there.
    await view.write(ESC);
    await view.waitFor('Discard changes?');
    await view.write('y');
    await view.waitFor((fr) => fr.includes('Debtors › Edit D1') && !fr.includes('Receive Payment'));
  });

  it('offers cash, card and other tenders only', () => {
    const tenders = [
      { code: 'CASH', name: 'Cash', kind: 'cash' as const, ledgerAccount: '', useLoyaltyPlus: false },
      { code: 'ACC', name: 'Account', kind: 'account' as const, ledgerAccount: '', useLoyaltyPlus: false },
      { code: 'LOY', name: 'Loyalty', kind: 'loyalty' as const, ledgerAccount: '', useLoyaltyPlus: false },
      { code: 'EFT', name: 'EFT', kind: 'other' as const, ledgerAccount: '', useLoyaltyPlus: false },
    ];
    expect(paymentTenders(tenders).map((t) => t.code)).toEqual(['CASH', 'EFT']);
  });
});

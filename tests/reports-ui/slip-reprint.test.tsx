// Reports > Slip Reprint: the slip of a sale as the till printed it (its file under slips/),
// between two REPRINT marks, identical otherwise, and the same text `tillpoint report slip`
// prints; an unknown number is refused at its field; an 80-column slip is narrowed, never cut.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SlipReprintScreen } from '../../src/screens/reports/slip-reprint.js';
import { slipFilePaths } from '../../src/store/till-service-slips.js';
import { bundleCli } from '../golive/cli-bundle.js';
import { renderScreen, tallestFrame } from '../screens/forms/harness.js';
import { END, F3, F10, HOME, PGDN, RIGHT, TAB } from '../screens/keys.js';
import type { Rendered } from '../screens/render.js';
import { openShop, type Shop } from './reports-harness.js';
import { contentLines } from './screen-helpers.js';

const CLEAR = '\x15';
const SALE = 'T1-000003';

let bundle: string;
let shop: Shop;
let view: Rendered | undefined;

beforeAll(async () => {
  bundle = await bundleCli();
  shop = await openShop(bundle);
}, 120_000);
afterAll(() => {
  shop?.close();
  if (bundle) fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
});
afterEach(() => {
  if (view) expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  view?.unmount();
  view = undefined;
});

const isRule = (l: string) => /^─{20,}$/.test(l);

/** The slip lines on screen, placed by the "Lines a-b of n" line: [lines so far, n]. */
function readSlip(frame: string, into: string[]): number {
  const m = /Lines (\d+)-(\d+) of (\d+)/.exec(frame);
  if (!m) throw new Error(`no position line in:\n${frame}`);
  const lines = contentLines(frame);
  const first = lines.findIndex(isRule);
  const second = lines.findIndex((l, i) => i > first && isRule(l));
  lines.slice(first + 1, second).forEach((l, i) => { into[Number(m[1]) - 1 + i] = l; });
  return Number(m[3]);
}

async function ask(v: Rendered, number: string, width80 = false): Promise<void> {
  await v.write(`${CLEAR}${number}`);
  if (width80) await v.write(`${TAB}${RIGHT}`);
  await v.write(F10);
}

const trimEnds = (lines: string[]) => lines.map((l) => l.replace(/\s+$/, ''));

describe('Reports > Slip Reprint', () => {
  it('shows the slip as printed between REPRINT marks, page by page, as tillpoint report slip prints it', async () => {
    const store = shop.tmp.store;
    const doc = store.journals.findDocument(SALE);
    if (!doc || doc.kind !== 'sale') throw new Error('the test sale is missing');
    const original = fs.readFileSync(slipFilePaths(store.dir, doc, store.get('settings').company).w40, 'utf8');
    expect(original).not.toContain('REPRINT');
    // The shop was renamed after the sale: a reprint is the slip as it was, not as it would be now.
    expect(store.get('settings').company.storeName).toBe('Corner Shop');
    expect(original).not.toContain('Corner Shop');

    view = await renderScreen(<SlipReprintScreen />, store, 'Slip Reprint');
    await view.waitFor('Sale or refund number');
    await ask(view, SALE.toLowerCase());
    let f = await view.waitFor(`Sale ${SALE}, 40 columns`);
    expect(f).toContain('The slip as printed, marked REPRINT');
    const shown: string[] = [];
    const total = readSlip(f, shown);
    expect(total).toBeGreaterThan(15); // longer than a page: PgDn shows the rest
    await view.write(PGDN);
    f = await view.waitFor((x) => !x.includes('Lines 1-'));
    readSlip(f, shown);
    expect(shown.filter((l) => l !== undefined)).toHaveLength(total);

    const want = trimEnds(original.replace(/\n$/, '').split('\n'));
    expect(shown[0]).toMatch(/REPRINT/);
    expect(shown.at(-1)).toBe(shown[0]);
    expect(shown.slice(1, -1)).toEqual(want);
    const cli = shop.cli(['report', 'slip', SALE]);
    expect(cli.code).toBe(0);
    expect(trimEnds(cli.stdout.replace(/\n$/, '').split('\n'))).toEqual(shown);

    await view.write(HOME);
    await view.waitFor('Lines 1-');
    await view.write(END);
    await view.waitFor(`of ${total}`);
  });

  it('refuses a number not in the journals at its field, then takes another with F3; an 80-column slip loses only spaces', async () => {
    view = await renderScreen(<SlipReprintScreen />, shop.tmp.store, 'Slip Reprint');
    await view.waitFor('Sale or refund number');
    await ask(view, 'T1-999999');
    let f = await view.waitFor('no sale or refund "T1-999999"');
    expect(f).toContain('Sale or refund number');
    await ask(view, 'L05-000001');
    f = await view.waitFor('Sale L05-000001, 40 columns');
    await view.write(F3);
    await view.waitFor('Sale or refund number');
    await ask(view, SALE, true);
    f = await view.waitFor(`Sale ${SALE}, 80 columns`);
    expect(f).toContain('Shown 4 columns narrower (spaces squeezed)');
    const shown: string[] = [];
    readSlip(f, shown);
    const cli = trimEnds(shop.cli(['report', 'slip', SALE, '80']).stdout.split('\n'));
    // Every character of each of the CLI's lines is on screen: only spaces (and rules) are shorter.
    shown.forEach((l, i) => {
      expect(l.length).toBeLessThanOrEqual(76);
      expect(l.replace(/ +/g, ' ')).toBe(/^(.)\1*$/.test(cli[i]!) ? cli[i]!.slice(0, 76) : cli[i]!.replace(/ +/g, ' '));
    });
    expect(shown.some((l, i) => l !== cli[i])).toBe(true);
    expect(shown.find((l) => l.startsWith('TOTAL'))).toMatch(/R\d+\.\d\d$/);
  });
});

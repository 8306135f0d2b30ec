// Accrue Loyalties is idempotent and crash-safe (SPEC section 4 rule 10): the built CLI is killed
// with SIGKILL at each named crash point of a run over 1,200 debtors (three batches of
// ACCRUAL_BATCH), then run again; balances, account balances, the trial balance and the
// back-office journal's totals must be those of one clean run on an identical copy.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoyaltyApplicable } from '../../src/engine/loyalty/index.js';
import { BACK_OFFICE_JOURNAL } from '../../src/store/index.js';
import { ACCRUAL_BATCH } from '../../src/store/accrual-run.js';
import { isLoyaltyRow } from '../../src/store/loyalty-rows.js';
import { ROOT, BUNDLE } from '../e2e/tmux.js';
import { tempDir } from '../cli/run-cli.js';
import { backOfficeTotals, bookFigures, withStore } from './figures.js';
import { books, debtor } from './setup.js';

const KINDS: LoyaltyApplicable[] = ['monthly-journal', 'quarterly-journal', 'yearly-journal', 'monthly-payment', 'quarterly-payment'];
const N = 1200;
const CODES = Array.from({ length: N }, (_, i) => `D${String(i + 1).padStart(4, '0')}`);
const kindOf = (i: number): LoyaltyApplicable => (i % 40 === 39 ? 'no' : KINDS[i % 5]!);
/** After May 2026 (and the quarter Mar-May, and FY2026) ended in Johannesburg. */
const NOW = '2026-06-01T10:00:00+02:00';

/** Rebuilds dist/tillpoint.js when a source file is newer (as scripts/ensure.mjs does). */
function ensureBundle(): void {
  const newest = (dir: string): number => Math.max(0, ...fs.readdirSync(dir, { withFileTypes: true })
    .map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs)));
  const built = fs.existsSync(BUNDLE) ? fs.statSync(BUNDLE).mtimeMs : 0;
  if (built >= newest(path.join(ROOT, 'src'))) return;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
}

let source = '';
let root = '';
let baseline = 0;
let copies = 0;

/** A copy of the store as it was before any June accrual. */
function copy(): string {
  const dir = path.join(root, `copy-${++copies}`, 'store');
  fs.cpSync(source, dir, { recursive: true });
  return dir;
}

function accrue(dir: string, crashAt?: string, zero = false) {
  const env: NodeJS.ProcessEnv = { ...process.env, TILLPOINT_NOW: NOW };
  delete env.TILLPOINT_CRASH_AT;
  if (crashAt) env.TILLPOINT_CRASH_AT = crashAt;
  const args = [BUNDLE, 'accrue', '--data', dir, '--json', ...(zero ? ['--zero-unused'] : [])];
  return spawnSync(process.execPath, args, { encoding: 'utf8', env, timeout: 60_000 });
}

function cleanRun(dir: string, zero = false): { posted: number; journalCredited: number; zeroed: number; documents: string[] } {
  const r = accrue(dir, undefined, zero);
  expect(r.signal, r.stderr).toBeNull();
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

/** Everything compared: the figures, back-office totals, and each debtor's back-office rows in order. */
async function state(dir: string) {
  return withStore(dir, NOW, (store, bo) => {
    const rows: Record<string, string[]> = {};
    for (const rec of store.journals.scan()) {
      if (rec.till !== BACK_OFFICE_JOURNAL) continue;
      for (const r of rec.rows) {
        if (!isLoyaltyRow(r)) continue;
        (rows[r.debtor] ??= []).push(`${r.kind}:${r.amount}:${r.kind === 'accrual-posting' ? r.accrues : r.period}`);
      }
    }
    return { ...bookFigures(bo, CODES), totals: backOfficeTotals(store), rows };
  });
}

const clean = new Map<boolean, Promise<Awaited<ReturnType<typeof state>>>>();
/** The figures of one clean run (with or without Zero Unused), made once. */
function cleanState(zero: boolean) {
  let p = clean.get(zero);
  if (!p) {
    const dir = copy();
    cleanRun(dir, zero);
    p = state(dir);
    clean.set(zero, p);
  }
  return p;
}

beforeAll(async () => {
  ensureBundle();
  root = tempDir('accrual-crash-');
  const b = await books(CODES.map((c, i) => debtor(c, kindOf(i))), '2026-02-02T08:00:00Z');
  const sold: string[] = [];
  // February: every debtor buys (a quarter on account); amounts cross the tiers.
  CODES.forEach((c, i) => { sold.push(b.sell(c, 20 + ((i * 37) % 2400), i % 4 === 0 ? 'ACC' : 'CARD').saleNumber); });
  // March: monthly and quarterly kinds accrue February; yearly debtors keep FY2026 pending until June.
  b.setNow('2026-03-10T08:00:00Z');
  await b.bo.accrue({ kinds: KINDS.filter((k) => k !== 'yearly-journal'), zeroUnused: false, operator: 'system' });
  b.setNow('2026-04-10T08:00:00Z');
  for (let i = 3; i < N; i += 50) if (kindOf(i).endsWith('payment')) b.bo.payout({ debtor: CODES[i]!, amount: 25, method: 'cash', operator: 'm' });
  // May: a third buy again; some February sales are refunded (reversals in May, a few months net negative).
  b.setNow('2026-05-04T08:00:00Z');
  CODES.forEach((c, i) => { if (i % 3 === 0) b.sell(c, 15 + ((i * 53) % 900), i % 6 === 0 ? 'ACC' : 'CARD'); });
  for (let i = 1; i < N; i += 11) b.till.refund(sold[i]!, 'all', 'CASH');
  b.till.close();
  b.store.close();
  source = b.dir;
  baseline = await withStore(source, NOW, (store) => backOfficeTotals(store).records);
}, 240_000);

describe('Accrue Loyalties killed at a crash point and run again', () => {
  it('has three batches and posts every kind; a clean run repeated posts nothing', async () => {
    expect(N).toBeGreaterThan(2 * ACCRUAL_BATCH);
    const dir = copy();
    const first = cleanRun(dir);
    expect(first.posted).toBeGreaterThan(0);
    expect(first.journalCredited).toBeGreaterThan(0);
    expect(first.documents).toHaveLength(6); // postings + credits per batch
    const once = await state(dir);
    const again = cleanRun(dir);
    expect(again).toMatchObject({ posted: 0, journalCredited: 0, zeroed: 0, documents: [] });
    expect(await state(dir)).toEqual(once);
    expect(once).toEqual(await cleanState(false));
    // Every kind took part: a journal debtor of each journal kind was credited, payment debtors kept theirs.
    for (const i of [0, 1, 2]) expect(once.debtors[CODES[i]!]!.balances.lifetime.journalCredited, CODES[i]).toBeGreaterThan(0);
    expect(once.debtors[CODES[2]!]!.balances.pendingAccrual).toBe(0); // yearly: FY2026 posted in June
    expect(once.debtors[CODES[3]!]!.balances.available).toBeGreaterThan(0);
    expect(once.trial.balanced).toBe(true);
  });

  // [crash point, back-office records the killed run left (of 6), zero unused]
  const cases: [string, number, boolean][] = [
    ['accrual:before-posting', 0, false],
    ['accrual:before-posting:2', 2, false],
    ['accrual:between-debtors', 2, false],
    ['accrual:between-debtors:2', 4, false],
    ['accrual:after-posting', 1, false],
    ['accrual:after-posting:3', 5, false],
    ['accrual:before-snapshot', 6, false],
    ['accrual:after-posting:2', 3, true],
    ['accrual:between-debtors', 2, true],
  ];
  it.each(cases)('killed at %s (%i records written, zero unused %s), the rerun ends as one clean run', async (point, written, zero) => {
    const dir = copy();
    const killed = accrue(dir, point, zero);
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    expect(killed.stdout).toBe('');
    const half = await withStore(dir, NOW, (store) => backOfficeTotals(store));
    expect(half.records - baseline).toBe(written);
    const want = await cleanState(zero);
    // Killed before the snapshot, every record is there already; otherwise something is missing.
    if (written === 6) expect(await state(dir)).toEqual(want);
    else expect(half).not.toEqual(want.totals);
    cleanRun(dir, zero);
    expect(await state(dir)).toEqual(want);
  });

  it('is killed twice in a row and still ends as one clean run', async () => {
    const dir = copy();
    expect(accrue(dir, 'accrual:after-posting:2').signal).toBe('SIGKILL');
    // The second run has nothing left in batch 1, batch 2's credits to write, and dies before batch 3's postings.
    expect(accrue(dir, 'accrual:before-posting:3').signal).toBe('SIGKILL');
    expect((await state(dir)).totals.records - baseline).toBe(4);
    const rerun = cleanRun(dir);
    expect(rerun.documents).toHaveLength(2);
    expect(await state(dir)).toEqual(await cleanState(false));
  });

  it('a Zero Unused run really zeroes, and differs from the plain run only by what it zeroed', async () => {
    const plain = await cleanState(false);
    const zeroed = await cleanState(true);
    const z = zeroed.totals.byKind.zeroing ?? 0;
    expect(z).toBeGreaterThan(0);
    expect(zeroed.totals.byKind['accrual-posting']).toBe(plain.totals.byKind['accrual-posting']);
    expect(zeroed.trial.balanced).toBe(true);
  });
});

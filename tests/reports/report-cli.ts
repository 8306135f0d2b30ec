// A store of one day of mixed sales in a fixed time zone (Africa/Johannesburg, UTC+2), rung up
// with the real `tillpoint sell` and `tillpoint refund` from a bundle of the sources, and the
// `tillpoint report` runs against it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store/index.js';

export interface Run { code: number; stdout: string; stderr: string; json(): any }

export function runCli(bundle: string, args: string[], now?: string): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.TILLPOINT_NOW;
  delete env.TILLPOINT_DATA;
  if (now) env.TILLPOINT_NOW = now;
  const r = spawnSync(process.execPath, [bundle, ...args], { encoding: 'utf8', env, timeout: 30_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

const ITEMS = `code,barcode,description,price,taxRate,loyalty
A1,6001000000011,Apple juice 1L,19.99,15,yes
B2,6001000000028,Brown bread,17.49,0,yes
C3,6001000000035,Coffee 200g,89.99,15,yes
`;

const DEBTORS = `code,name,loyaltyApplicable,target1,percent1
D1,Loyal Lerato,monthly-journal,0.00,5
D2,Plain Piet,no,,
`;

export interface Day {
  dir: string;
  /** Sale or refund number -> what sell/refund printed (JSON), in the order rung up. */
  docs: { number: string; kind: 'sale' | 'refund'; at: string; json: any; inDay: boolean; loyalty: boolean }[];
  /** The 40-column slip `tillpoint sell` printed for the first sale of the day. */
  firstSlip: { number: string; text: string };
}

/** The day is 2026-03-10 at the shop; one sale late the evening before and one just after midnight. */
export async function mixedDay(bundle: string): Promise<Day> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'tillpoint-reports-'));
  const dir = path.join(base, 'store');
  const store = await openStore(dir, { create: true, stderr: false, log: () => undefined });
  await store.edit('settings', (d) => {
    d.company.timeZone = 'Africa/Johannesburg';
  });
  store.close();
  fs.writeFileSync(path.join(base, 'items.csv'), ITEMS);
  fs.writeFileSync(path.join(base, 'debtors.csv'), DEBTORS);
  const must = (r: Run, what: string) => {
    if (r.code !== 0) throw new Error(`${what} failed (${r.code}): ${r.stderr}`);
    return r;
  };
  must(runCli(bundle, ['--data', dir, 'import', 'items', path.join(base, 'items.csv')]), 'import items');
  must(runCli(bundle, ['--data', dir, 'import', 'debtors', path.join(base, 'debtors.csv')], '2026-03-01T06:00:00Z'), 'import debtors');
  const docs: Day['docs'] = [];
  let firstSlip: Day['firstSlip'] | null = null;
  const sell = (at: string, till: string, items: string[], tender: string, opts: { debtor?: string; inDay: boolean }) => {
    const args = ['--data', dir, '--till', till, 'sell', ...items.flatMap((i) => ['--item', i]), '--tender', tender, ...(opts.debtor ? ['--debtor', opts.debtor] : [])];
    const json = must(runCli(bundle, [...args, '--json'], at), 'sell').json();
    docs.push({ number: json.saleNumber, kind: 'sale', at: json.completedAt, json, inDay: opts.inDay, loyalty: opts.debtor === 'D1' });
    return json.saleNumber as string;
  };
  sell('2026-03-09T21:30:00Z', 'T1', ['A1'], 'cash', { inDay: false }); // 23:30 the day before
  sell('2026-03-09T22:00:00Z', 'T1', ['A1x2'], 'cash', { inDay: true }); // 00:00 exactly: in
  // The first of the day's sales with a slip printed as text (not JSON): the reprint's original.
  const slipRun = must(runCli(bundle, ['--data', dir, '--till', 'T1', 'sell', '--item', 'B2', '--item', 'C3', '--tender', 'card', '--debtor', 'D1'], '2026-03-10T07:15:00Z'), 'sell');
  const slipNumber = /T1-\d{6}/.exec(slipRun.stdout)![0];
  firstSlip = { number: slipNumber, text: slipRun.stdout };
  const d1 = runCli(bundle, ['--data', dir, 'sales', '--json']).json().find((s: any) => s.saleNumber === slipNumber);
  docs.push({ number: slipNumber, kind: 'sale', at: d1.completedAt, json: d1, inDay: true, loyalty: true });
  sell('2026-03-10T08:05:00Z', 'T2', ['A1'], 'cash', { debtor: 'D2', inDay: true }); // not a loyalty debtor
  const t2 = sell('2026-03-10T09:10:00Z', 'T2', ['C3x2', 'A1'], 'card', { debtor: 'D1', inDay: true });
  const refund = (at: string, till: string, sale: string, lines: string[], loyalty: boolean) => {
    const json = must(runCli(bundle, ['--data', dir, '--till', till, 'refund', sale, ...lines.flatMap((l) => ['--line', l]), '--json'], at), 'refund').json();
    docs.push({ number: json.refundNumber, kind: 'refund', at: json.completedAt, json, inDay: true, loyalty });
  };
  refund('2026-03-10T09:40:00Z', 'T1', slipNumber, ['2'], true); // 11:40, on T1
  refund('2026-03-10T15:59:00Z', 'T2', t2, ['1x1'], true); // 17:59
  sell('2026-03-10T21:59:00Z', 'T1', ['B2x3'], 'cash', { inDay: true }); // 23:59: in
  sell('2026-03-10T22:00:01Z', 'T1', ['C3'], 'cash', { debtor: 'D1', inDay: false }); // the next day
  return { dir, docs, firstSlip };
}

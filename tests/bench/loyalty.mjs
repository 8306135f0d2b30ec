// The built-in loyalty figures of `npm run bench` (issue 3): a store of `sales` sales spread over
// October and November 2026 among `debtorCount` loyalty debtors of all five kinds, written in bulk
// in the journal's own format from a template sale the bundle recorded, then measured through
// the bundle: commit with a debtor attached, Accrue Loyalties beside merely reading the sales,
// and the Loyalty Enquiry.
import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';

const KINDS = ['monthly-payment', 'monthly-journal', 'quarterly-payment', 'quarterly-journal', 'yearly-journal'];
const TIERS = [{ target: 20000, rate: 250 }, { target: 50000, rate: 300 }, { target: 100000, rate: 400 }, { target: 200000, rate: 500 }];
const code = (i) => `D${String(i + 1).padStart(5, '0')}`;

/** Period keys in the store's zone; financial year from March (the demo store's). */
function keyer(timeZone) {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
  let hour = -1;
  let keys = null;
  return (ms) => {
    const h = Math.floor(ms / 3_600_000);
    if (h !== hour) {
      hour = h;
      const [y, m] = fmt.format(new Date(ms)).split('-').map(Number);
      const fy = m >= 3 ? y + 1 : y;
      const q = Math.floor(((m - 3 + 12) % 12) / 3) + 1;
      keys = { month: `${y}-${String(m).padStart(2, '0')}`, quarter: `FY${fy}-Q${q}`, year: `FY${fy}` };
    }
    return keys;
  };
}

export function loyaltyStore({ scratch, tillpoint, sales, debtorCount, log }) {
  const dir = path.join(scratch, 'loyalty-store');
  const env = { TILLPOINT_NOW: '2026-09-30T08:00:00Z' };
  tillpoint(['--data', dir, 'init', '--demo'], env);
  tillpoint(['--data', dir, '--till', 'TPL', 'sell', '--item', 'MILK2Lx3', '--tender', 'CARD', '--debtor', 'D001'], { TILLPOINT_NOW: '2026-10-01T08:00:00Z' });
  const settings = JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8'));
  const debtors = JSON.parse(fs.readFileSync(path.join(dir, 'debtors.json'), 'utf8'));
  debtors.debtors = Array.from({ length: debtorCount }, (_, i) => ({
    code: code(i), name: `Bench debtor ${i + 1}`, cellphone: '', email: '', account: { creditLimit: 0, onHold: false },
    loyalty: { applicable: KINDS[i % KINDS.length], excludeFromContracts: false, tiers: TIERS, switchedOnAt: '2026-01-01T00:00:00.000Z' },
  }));
  fs.writeFileSync(path.join(dir, 'debtors.json'), JSON.stringify(debtors));
  const template = JSON.parse(fs.readFileSync(path.join(dir, 'journals', 'TPL.jsonl'), 'utf8').trim().slice(9));
  for (const f of fs.readdirSync(path.join(dir, 'journals'))) if (f.startsWith('TPL') || f.startsWith('loyalty-book')) fs.rmSync(path.join(dir, 'journals', f));
  const earn = template.rows.find((r) => r.kind === 'earn');
  const keys = keyer(settings.company.timeZone);
  const start = Date.parse('2026-10-01T06:00:00Z');
  const step = Math.floor((Date.parse('2026-11-29T18:00:00Z') - start) / sales);
  log(`writing ${sales.toLocaleString()} loyalty sales for ${debtorCount.toLocaleString()} debtors`);
  const fd = fs.openSync(path.join(dir, 'journals', 'T1.jsonl'), 'w');
  let chunk = [];
  for (let seq = 1; seq <= sales; seq++) {
    const number = `T1-${String(seq).padStart(6, '0')}`;
    const i = (seq - 1) % debtorCount;
    const debtor = code(i);
    const ms = start + seq * step;
    const at = new Date(ms).toISOString();
    const kind = KINDS[i % KINDS.length].split('-')[0].replace(/ly$/, '');
    const period = keys(ms)[kind];
    const doc = { ...template.doc, saleNumber: number, till: 'T1', saleId: `bench-${seq}`, completedAt: at, debtor, debtorName: `Bench debtor ${i + 1}` };
    const rows = [{ ...earn, id: `${number}:${debtor}:earn`, debtor, period, at, source: number }];
    const entries = template.entries.map((e) => ({ ...e, id: e.id.replace('T1-000001', number), source: number, at, memo: `Sale ${number}` }));
    const json = Buffer.from(JSON.stringify({ ...template, seq, till: 'T1', at, doc, rows, entries }));
    chunk.push(`${crc32(json).toString(16).padStart(8, '0')} ${json}\n`);
    if (chunk.length === 10_000 || seq === sales) {
      fs.writeSync(fd, chunk.join(''));
      chunk = [];
    }
  }
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  return dir;
}

/** Runs the three figures; `row` adds a line to the bench table. */
export function loyaltyBench({ scratch, tillpoint, sales, debtorCount, log, row }) {
  const dir = loyaltyStore({ scratch, tillpoint, sales, debtorCount, log });
  const json = (args, env = {}) => JSON.parse(tillpoint(['--data', dir, ...args], env));
  const dec1 = { TILLPOINT_NOW: '2026-12-01T08:00:00Z' };
  const nov = { TILLPOINT_NOW: '2026-11-30T08:00:00Z' };
  // A till has had the journal open once, as in a real store: its writer saved the journal's index.
  json(['--till', 'T1', 'bench', 'commit', '--samples', '1'], nov);
  log('reading every sale (the baseline of Accrue Loyalties)');
  const read = json(['bench', 'read']);
  log('Accrue Loyalties, books built from a full scan (no snapshot)');
  const cold = json(['bench', 'accrue'], dec1);
  row(`Accrue Loyalties, no books snapshot: ${debtorCount.toLocaleString()} debtors, ${sales.toLocaleString()} sales`, `${(cold.ms / 1000).toFixed(2)} s, ${cold.peakMb.toFixed(0)} MB`,
    `reading the sales: ${(read.ms / 1000).toFixed(2)} s, ${read.peakMb.toFixed(0)} MB`, '< 10 s, < 300 MB', cold.ms < 10_000 && cold.peakMb < 300);
  // The nightly case: the books' snapshot is from the day before (here: the 30th), the run posts
  // every debtor again. Removing the run's own files puts the store back as it was before it.
  for (const f of fs.readdirSync(path.join(dir, 'journals'))) {
    if (f.startsWith('BACKOFFICE') || f.includes('loyalty-book')) fs.rmSync(path.join(dir, 'journals', f));
  }
  const before = json(['bench', 'enquiry', '--debtor', 'D00001', '--samples', '300'], nov);
  const warm = json(['bench', 'accrue'], dec1);
  if (warm.posted !== cold.posted || warm.journalCredited !== cold.journalCredited) throw new Error('the two accrual runs posted different amounts');
  row(`Accrue Loyalties, books snapshot of the day before: same debtors and sales`, `${(warm.ms / 1000).toFixed(2)} s, ${warm.peakMb.toFixed(0)} MB`,
    `reading the sales: ${(read.ms / 1000).toFixed(2)} s, ${read.peakMb.toFixed(0)} MB`, '< 10 s, < 300 MB', warm.ms < 10_000 && warm.peakMb < 300);
  const enquiry = json(['bench', 'enquiry', '--debtor', 'D00001', '--samples', '300'], dec1);
  row(`Loyalty Enquiry p50 / p99 at ${sales.toLocaleString()} sales (${enquiry.rows} rows)`, `${enquiry.p50.toFixed(2)} ms / ${enquiry.p99.toFixed(2)} ms`,
    `before the accrual (${before.rows} rows): ${before.p50.toFixed(2)} ms / ${before.p99.toFixed(2)} ms`, 'p99 < 20 ms', enquiry.p99 < 20 && before.p99 < 20);
  json(['--till', 'T2', 'bench', 'commit', '--debtor', 'D00002', '--samples', '5'], dec1); // the till's first open of the big journal
  const commit = json(['--till', 'T2', 'bench', 'commit', '--debtor', 'D00002', '--samples', '500'], dec1);
  row(`sale commit p50 / p99 with a debtor at ${sales.toLocaleString()} sales`, `${commit.p50.toFixed(2)} ms / ${commit.p99.toFixed(2)} ms`,
    `first debtor attach (books from snapshot + tail): ${commit.attachMs.toFixed(0)} ms`, 'p99 <= 5 ms', commit.p99 <= 5);
  fs.rmSync(dir, { recursive: true, force: true });
  return { read, cold, warm, before, enquiry, commit };
}

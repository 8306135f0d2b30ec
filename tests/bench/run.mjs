// `npm run bench`: every figure is measured through the built bundle (dist/tillpoint.js) and
// printed beside its baseline from the same run. Prints a table; writes JSON to the path it prints.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { loyaltyBench } from './loyalty.mjs';
import { loyaltyPlusBench } from './loyalty-plus.mjs';
import { uploadsBench } from './uploads.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bundle = path.join(root, 'dist', 'tillpoint.js');
const driver = path.join(root, 'tests', 'bench', 'pty_driver.py');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tillpoint-bench-'));
const big = Number(process.env.BENCH_BIG ?? 1_000_000);
const rows = [];
const results = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, figures: {} };

const tillpoint = (args, env = {}) => execFileSync(process.execPath, [bundle, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const median = (xs) => pct(xs, 50);
const ms = (x) => `${x.toFixed(2)} ms`;
const log = (line) => process.stderr.write(`bench: ${line}\n`);

function row(figure, value, baseline, target, pass) {
  rows.push({ figure, value, baseline, target, verdict: pass === undefined ? '' : pass ? 'met' : 'MISSED' });
  log(`${figure}: ${value} (baseline ${baseline || '-'}; target ${target || '-'})`);
}

/** A store whose till T1 already holds `count` sales, written in bulk in the journal's own format. */
function storeWithSales(count) {
  const dir = path.join(scratch, `store-${count}`);
  tillpoint(['--data', dir, 'init', '--demo']);
  tillpoint(['--data', dir, '--till', 'TPL', 'bench', 'commit', '--samples', '1']);
  const template = fs.readFileSync(path.join(dir, 'journals', 'TPL.jsonl'), 'utf8').trim();
  const record = JSON.parse(template.slice(9));
  const fd = fs.openSync(path.join(dir, 'journals', 'T1.jsonl'), 'w');
  let chunk = [];
  for (let seq = 1; seq <= count; seq++) {
    const number = `T1-${String(seq).padStart(6, '0')}`;
    const rec = { ...record, seq, till: 'T1', doc: { ...record.doc, saleNumber: number, till: 'T1', saleId: `bench-${seq}` } };
    const json = Buffer.from(JSON.stringify(rec));
    chunk.push(`${crc32(json).toString(16).padStart(8, '0')} ${json}\n`);
    if (chunk.length === 10_000 || seq === count) {
      fs.writeSync(fd, chunk.join(''));
      chunk = [];
    }
  }
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  return { dir, line: Buffer.from(`${template}\n`) };
}

function commitBench(count) {
  log(`preparing a journal of ${count.toLocaleString()} sales`);
  const { dir, line } = storeWithSales(count);
  const bytes = fs.statSync(path.join(dir, 'journals', 'T1.jsonl')).size;
  const first = JSON.parse(tillpoint(['--data', dir, '--till', 'T1', 'bench', 'commit', '--samples', '20']));
  log(`measuring commits at ${count.toLocaleString()} sales (${(bytes / 1e6).toFixed(0)} MB journal)`);
  const run = JSON.parse(tillpoint(['--data', dir, '--till', 'T1', 'bench', 'commit', '--samples', '500']));
  fs.rmSync(dir, { recursive: true, force: true });
  return { ...run, firstOpenMs: first.openMs, bytes, line };
}

async function naiveLowdb(count, template, samples) {
  log(`naive lowdb baseline: whole-file write at ${count.toLocaleString()} sales`);
  const file = path.join(scratch, `naive-${count}.json`);
  const db = new Low(new JSONFile(file), { sales: [] });
  for (let i = 0; i < count; i++) db.data.sales.push({ ...template, saleNumber: `T1-${i}` });
  await db.write();
  const times = [];
  for (let i = 0; i < samples; i++) {
    db.data.sales.push({ ...template, saleNumber: `X-${i}` });
    const t = performance.now();
    await db.write();
    times.push(performance.now() - t);
  }
  fs.rmSync(file, { force: true });
  return { p50: median(times), p99: pct(times, 99) };
}

function appendFsync(line, samples) {
  const file = path.join(scratch, 'append.log');
  const fd = fs.openSync(file, 'a');
  const times = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    fs.writeSync(fd, line);
    fs.fdatasyncSync(fd);
    times.push(performance.now() - t);
  }
  fs.closeSync(fd);
  return { p50: median(times), p99: pct(times, 99) };
}

function pty(args) {
  return JSON.parse(execFileSync('python3', [driver, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 }));
}

if (process.env.BENCH_ONLY === 'loyalty-plus') {
  await loyaltyPlusBench({ root, scratch, tillpoint, log, row, ms, median, pct });
  for (const r of rows) console.log(JSON.stringify(r));
  process.exit(0);
}
if (process.env.BENCH_ONLY === 'uploads') {
  await uploadsBench({ root, scratch, tillpoint, log, row, ms });
  for (const r of rows) console.log(JSON.stringify(r));
  fs.rmSync(scratch, { recursive: true, force: true });
  process.exit(0);
}
if (process.env.BENCH_ONLY === 'loyalty') {
  loyaltyBench({ scratch, tillpoint, sales: big, debtorCount: Number(process.env.BENCH_DEBTORS ?? 50_000), log, row });
  for (const r of rows) console.log(JSON.stringify(r));
  process.exit(0);
}
const small = commitBench(1000);
const large = commitBench(big);
const template = JSON.parse(small.line.toString().slice(9)).doc;
const naive100 = await naiveLowdb(100_000, template, 10);
const naive300 = await naiveLowdb(300_000, template, 5);
const append = appendFsync(small.line, 500);
const ratio = large.p99 / small.p99;
row('sale commit p50 / p99 at 1,000 sales', `${ms(small.p50)} / ${ms(small.p99)}`, `append+fsync ${ms(append.p50)} / ${ms(append.p99)}`, '', undefined);
row(`sale commit p50 / p99 at ${big.toLocaleString()} sales`, `${ms(large.p50)} / ${ms(large.p99)}`, `naive lowdb 100k ${ms(naive100.p50)} / ${ms(naive100.p99)}; 300k ${ms(naive300.p50)} / ${ms(naive300.p99)}`, 'p99 <= 5 ms', large.p99 <= 5);
row(`commit p99 ${big.toLocaleString()} / 1,000`, ratio.toFixed(2), '', '<= 1.5', ratio <= 1.5);
row(`first open of a ${big.toLocaleString()}-sale journal (no index yet) / with index`, `${ms(large.firstOpenMs)} / ${ms(large.openMs)}`, `1,000 sales: ${ms(small.openMs)}`, '', undefined);
Object.assign(results.figures, { commit1k: small, commitBig: { ...large, line: undefined }, naive100, naive300, append, ratio });
delete results.figures.commit1k.line;

const only = process.env.BENCH_ONLY;
if (only !== 'commit') {
  const debtorCount = Number(process.env.BENCH_DEBTORS ?? 50_000);
  results.figures.loyalty = loyaltyBench({ scratch, tillpoint: (args, env) => tillpoint(args, env), sales: big, debtorCount, log, row });
}
if (only === 'commit') {
  for (const r of rows) console.log(JSON.stringify(r));
  process.exit(0);
}
results.figures.loyaltyPlus = await loyaltyPlusBench({ root, scratch, tillpoint, log, row, ms, median, pct });
results.figures.uploads = await uploadsBench({ root, scratch, tillpoint, log, row, ms });
// The till as `npm start` and `npx tillpoint` run it: the bundle's own shebang and its V8 flag.
log('start-up to first full frame');
const uiStore = path.join(scratch, 'ui-store');
tillpoint(['--data', uiStore, 'init', '--demo']);
const starts = [];
const bases = [];
for (let i = 0; i < 5; i++) {
  starts.push(pty(['startup', process.env.BENCH_FRAME_MARKER ?? 'Point of Sale', '--', bundle, '--data', uiStore, '--till', `S${i}`]));
  bases.push(pty(['exit', '--', process.execPath, '-e', '0']));
}
const startMs = median(starts.map((s) => s.ms));
const startKb = Math.max(...starts.map((s) => s.peakKb));
row('start to first full frame (median of 5)', ms(startMs), `node -e 0: ${ms(median(bases.map((b) => b.ms)))}`, '<= 300 ms', startMs <= 300);
row('peak memory at first frame', `${(startKb / 1024).toFixed(1)} MB`, `node -e 0: ${(Math.max(...bases.map((b) => b.peakKb)) / 1024).toFixed(1)} MB`, '<= 80 MB', startKb / 1024 <= 80);
Object.assign(results.figures, { startups: starts, baselines: bases });

log('keystroke to updated frame with 200 lines on the sale');
const keys = pty(['keys', process.env.BENCH_FRAME_MARKER ?? 'Point of Sale', '200', '6001000000018', 'Items 200', '--', bundle, '--data', uiStore, '--till', 'K1']);
const k99 = pct(keys.samples, 99);
row('keystroke to frame p50 / p99 (200 lines, real pty)', `${ms(median(keys.samples))} / ${ms(k99)}`, '', 'p99 <= 16 ms', k99 <= 16);
results.figures.keystroke = { p50: median(keys.samples), p99: k99, samples: keys.samples.length };

fs.rmSync(scratch, { recursive: true, force: true });
const outDir = path.join(root, 'bench-results');
fs.mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, `bench-${results.date.replace(/[:.]/g, '-')}.json`);
results.rows = rows;
fs.writeFileSync(out, JSON.stringify(results, null, 2));
const widths = ['figure', 'value', 'baseline', 'target', 'verdict'].map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
const fmt = (r) => ['figure', 'value', 'baseline', 'target', 'verdict'].map((k, i) => String(r[k]).padEnd(widths[i])).join(' | ');
console.log(fmt({ figure: 'figure', value: 'value', baseline: 'baseline (same run)', target: 'target', verdict: 'verdict' }));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const r of rows) console.log(fmt(r));
console.log(`\nJSON: ${out}`);

// `tillpoint doctor` through the real command line on real store folders: a healthy store is all
// ok (exit 0) and left byte for byte as it was; each planted fault is found, named, given its
// fix, and the exit code follows SPEC 7 (1 on a fail, 0 with warnings only).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli, tillpoint } from '../uploads/cli-bundle.js';
import { deadPid, doctor, snapshot, storeWithSales, tempRoot, writeLock } from './helpers.js';

let bundle: { file: string; remove(): void };
let root: string;
/** A healthy store with three sales, copied for each test that damages it. */
let pristine: string;

beforeAll(async () => {
  bundle = await bundleCli();
  root = tempRoot();
  pristine = path.join(root, 'pristine');
  storeWithSales(bundle.file, pristine, 3);
}, 60_000);

afterAll(() => {
  bundle?.remove();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

let copies = 0;
function copyStore(): string {
  const dir = path.join(root, `copy-${++copies}`);
  fs.cpSync(pristine, dir, { recursive: true });
  return dir;
}

const journal = (dir: string) => path.join(dir, 'journals', 'T1.jsonl');

describe('tillpoint doctor', () => {
  it('finds nothing wrong with a healthy store, exits 0 and changes nothing', () => {
    const dir = copyStore();
    const before = snapshot(dir);
    const r = doctor(bundle.file, dir);
    expect(r.code).toBe(0);
    expect(r.report.ok).toBe(true);
    expect(r.report.checks.map((c) => c.id)).toEqual(['data-folder', 'disk-space', 'locks', 'journals', 'clock', 'documents', 'web-service', 'sftp', 'scheduler', 'outbox', 'operators']);
    for (const c of r.report.checks) {
      expect(c.status, `${c.id}: ${c.detail}`).toBe('ok');
      expect(c.fix).toBe('');
    }
    expect(r.check('journals').detail).toContain('T1.jsonl: 3 records');
    expect(snapshot(dir)).toEqual(before);

    // The text form: one line per check, and the summary.
    const text = bundleText(dir);
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines).toHaveLength(12);
    expect(lines[3]).toMatch(/^\[OK  \] Journals valid \(checksums\): .*3 records/);
    expect(lines.at(-1)).toBe('doctor: all good (0 failed, 0 warning(s), 11 ok)');
  });

  it('reports a stale lock with its dead pid as a warning (exit 0) and names the fix', async () => {
    const dir = copyStore();
    const pid = await deadPid();
    writeLock(dir, 'till-T1.lock', pid);
    const before = snapshot(dir);
    const r = doctor(bundle.file, dir);
    expect(r.code).toBe(0);
    const c = r.check('locks');
    expect(c.status).toBe('warning');
    expect(c.detail).toContain(`locks/till-T1.lock (till T1's journal) is stale: pid ${pid}`);
    expect(c.detail).toContain('is not running');
    expect(c.fix).toContain('taken over at the next start of till T1');
    expect(c.fix).toContain(`ps -p ${pid}`);
    // The doctor reports; the next start takes it over. It is still there, untouched.
    expect(snapshot(dir)).toEqual(before);
  });

  it('names a live lock holder and its pid', () => {
    const dir = copyStore();
    writeLock(dir, 'jobs.lock', process.pid, new Date());
    const r = doctor(bundle.file, dir);
    expect(r.check('locks')).toMatchObject({ status: 'ok' });
    expect(r.check('locks').detail).toMatch(new RegExp(`jobs\\.lock: pid ${process.pid} on .+, running, for \\d+ s`));
  });

  it('fails on a corrupt journal line (one byte flipped), naming the line, the offset and the fix', () => {
    const dir = copyStore();
    const bytes = fs.readFileSync(journal(dir));
    const lineStarts = [0, ...[...bytes.entries()].filter(([, b]) => b === 0x0a).map(([i]) => i + 1)].slice(0, 3);
    const second = lineStarts[1]!;
    const at = second + 40; // inside the JSON of the second record
    bytes[at] = bytes[at] === 0x31 ? 0x32 : 0x31;
    fs.writeFileSync(journal(dir), bytes);
    const before = snapshot(dir);
    const r = doctor(bundle.file, dir);
    expect(r.code).toBe(1);
    expect(r.report.ok).toBe(false);
    const c = r.check('journals');
    expect(c.status).toBe('fail');
    expect(c.detail).toContain(`journals/T1.jsonl line 2 (byte ${second}) is damaged (bad checksum)`);
    expect(c.fix).toContain('restore it from the last backup');
    expect(c.fix).toContain('never delete the journal');
    expect(snapshot(dir)).toEqual(before);
  });

  it('warns about a torn last line (a write that never finished) without failing', () => {
    const dir = copyStore();
    const size = fs.statSync(journal(dir)).size;
    const torn = '0badc0de {"v":1,"seq":4,"till":"T1"';
    fs.appendFileSync(journal(dir), torn);
    const r = doctor(bundle.file, dir);
    expect(r.code).toBe(0);
    const c = r.check('journals');
    expect(c.status).toBe('warning');
    expect(c.detail).toContain(`journals/T1.jsonl: the last ${torn.length} bytes (from byte ${size}) are a torn write`);
    expect(c.fix).toContain("till T1's next start moves them to journals/T1.jsonl.rejected");
  });

  it('fails when the clock is before the last sale (TILLPOINT_NOW), saying by how much', () => {
    const dir = copyStore();
    const last = JSON.parse(fs.readFileSync(journal(dir), 'utf8').trim().split('\n').at(-1)!.slice(9)).at as string;
    const now = new Date(Date.parse(last) - 90 * 60 * 1000).toISOString();
    const r = doctor(bundle.file, dir, { TILLPOINT_NOW: now });
    expect(r.code).toBe(1);
    const c = r.check('clock');
    expect(c.status).toBe('fail');
    expect(c.detail).toMatch(/^the clock is behind the last sale by (90|91) minutes/);
    expect(c.detail).toContain(`TILLPOINT_NOW=${now} is in effect`);
    expect(c.fix).toContain('set the date, time and time zone of this PC');
    expect(c.fix).toContain('unset TILLPOINT_NOW');
  });

  it('fails on an invalid document, naming the file and the field', () => {
    const dir = copyStore();
    const file = path.join(dir, 'items.json');
    const items = JSON.parse(fs.readFileSync(file, 'utf8'));
    items.items[0].price = 'cheap';
    fs.writeFileSync(file, JSON.stringify(items));
    const r = doctor(bundle.file, dir);
    expect(r.code).toBe(1);
    const c = r.check('documents');
    expect(c.status).toBe('fail');
    expect(c.detail).toContain('items.json: items[0].price: expected a whole number of cents');
    expect(c.fix).toContain('correct that field in items.json');
  });

  it('warns (and repairs nothing) when a document is damaged but its .bak reads', () => {
    const dir = copyStore();
    fs.writeFileSync(path.join(dir, 'tenders.json'), '{"schemaVersion":1,"tend');
    const before = snapshot(dir);
    const r = doctor(bundle.file, dir);
    expect(r.code).toBe(0);
    expect(r.check('documents')).toMatchObject({ status: 'warning' });
    expect(r.check('documents').detail).toContain('tenders.json is damaged; its tenders.json.bak reads');
    expect(r.check('documents').fix).toContain('restores tenders.json from tenders.json.bak');
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a folder that is not a store, and does not create it', () => {
    const dir = path.join(root, 'nothing-here');
    const r = doctor(bundle.file, dir);
    expect(r.code).toBe(1);
    expect(r.report.checks).toEqual([expect.objectContaining({ id: 'store', status: 'fail', detail: `${dir} does not exist` })]);
    expect(fs.existsSync(dir)).toBe(false);
  });
});

function bundleText(dir: string) {
  return tillpoint(bundle.file, ['doctor', '--data', dir]);
}

// The Loyalty Plus sales upload figures of `npm run bench` (issue 5): a day of 20,000 loyalty
// sales over 4 tills, written in bulk in the journal's own format from a template sale the bundle
// recorded, uploaded by `tillpoint upload` (building the four files from the journals and putting
// them) to a real OpenSSH sshd on loopback (tests/sftp/sshd-server.ts, transpiled here); beside it,
// in the same run, OpenSSH's own `sftp` putting the same four files. Wall time and peak memory
// (max RSS, from /usr/bin/time) of each, and the ratios. Both log in with the same key.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32 } from 'node:zlib';
import { build } from 'esbuild';

const TILLS = ['T1', 'T2', 'T3', 'T4'];
const DAY_START = Date.parse('2026-11-30T06:00:00Z');
const DAY_MS = 14 * 3_600_000;

/** The sshd fixture is TypeScript: bundled (its own modules in, packages out) into a temp .mjs. */
async function sshdFixture(root, scratch) {
  const outfile = path.join(scratch, 'sshd-fixture', 'sshd-server.mjs');
  await build({ entryPoints: [path.join(root, 'tests', 'sftp', 'sshd-server.ts')], outfile, bundle: true, platform: 'node', format: 'esm',
    target: 'node20', packages: 'external', logLevel: 'error' });
  return import(pathToFileURL(outfile).href);
}

function line(rec) {
  const json = Buffer.from(JSON.stringify(rec));
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
}

/** A store on Loyalty Plus whose four tills hold `sales` member sales in all, pointed at the sshd. */
export function uploadStore({ scratch, tillpoint, log }, sales, server) {
  const dir = path.join(scratch, 'uploads-store');
  tillpoint(['--data', dir, 'init', '--demo']);
  tillpoint(['--data', dir, '--till', 'TPL', 'sell', '--item', 'MILK2Lx3', '--tender', 'CARD']);
  const journals = path.join(dir, 'journals');
  const template = JSON.parse(fs.readFileSync(path.join(journals, 'TPL.jsonl'), 'utf8').trim().slice(9));
  for (const f of fs.readdirSync(journals)) if (f.startsWith('TPL')) fs.rmSync(path.join(journals, f));
  const settingsFile = path.join(dir, 'settings.json');
  const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
  settings.defaults2.loyaltyProvider = 'loyalty-plus';
  settings.loyaltyPlus = { enabled: false, url: '', port: 443, secretStart: '', secretEnd: '', partnerId: 'BENCH', terminalId: 'T1', apiId: '',
    timeoutSeconds: 6, tls: 'TLSv1.2', caFile: '', testResults: [] };
  settings.loyaltyPlusUploads = { servers: [server], account: server.name, uploadPath: '/upload', testResults: [] };
  fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  fs.rmSync(`${settingsFile}.bak`, { force: true });
  log(`writing ${sales.toLocaleString()} loyalty sales over ${TILLS.length} tills`);
  const perTill = Math.ceil(sales / TILLS.length);
  for (const till of TILLS) {
    const fd = fs.openSync(path.join(journals, `${till}.jsonl`), 'w');
    let chunk = [];
    for (let seq = 1; seq <= perTill; seq++) {
      const at = new Date(DAY_START + Math.floor((seq * DAY_MS) / perTill)).toISOString();
      const number = `${till}-${String(seq).padStart(6, '0')}`;
      const card = `6009${String((seq * 7919) % 1_000_000).padStart(9, '0')}`;
      const doc = { ...template.doc, saleNumber: number, till, saleId: `bench-${till}-${seq}`, startedAt: at, completedAt: at, member: { number: card, account: `4${card.slice(-6)}` } };
      chunk.push(line({ ...template, seq, till, at, doc }));
      if (chunk.length === 5000 || seq === perTill) {
        fs.writeSync(fd, chunk.join(''));
        chunk = [];
      }
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  }
  // A till that has been running keeps an index of its journal (written when it claims it): one
  // sale without a member on each, as the day's last, so the store opens as a running store does.
  for (const till of TILLS) tillpoint(['--data', dir, '--till', till, 'sell', '--item', 'MILK2L', '--tender', 'CASH']);
  return dir;
}

/** The node flags of the bundle's shebang (`#!/usr/bin/env -S node --flag`), so it runs as `./tillpoint` would. */
function shebangFlags(bundle) {
  const first = fs.readFileSync(bundle, 'utf8').slice(0, 200).split('\n')[0];
  const m = /^#!.*\bnode((?:\s+--[\w-]+(?:=\S+)?)*)\s*$/.exec(first);
  return m ? m[1].trim().split(/\s+/).filter(Boolean) : [];
}

/** Runs argv under /usr/bin/time: wall seconds and max RSS (kB) of the command and its children. */
function timed(scratch, argv) {
  const out = path.join(scratch, `time-${process.pid}-${Date.now()}.txt`);
  const stdout = execFileSync('/usr/bin/time', ['-o', out, '-f', '%e %M', ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const [secs, kb] = fs.readFileSync(out, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  fs.rmSync(out, { force: true });
  return { ms: secs * 1000, kb, stdout };
}

/** opensshPut spawns `sftp` from PATH: a wrapper first on PATH records each one's time and memory. */
function sftpWrapper(scratch) {
  const bin = path.join(scratch, 'sftp-bin');
  fs.mkdirSync(bin, { recursive: true });
  const report = path.join(bin, 'rusage.txt');
  fs.writeFileSync(path.join(bin, 'sftp'), `#!/bin/sh\nexec /usr/bin/time -a -o "${report}" -f '%e %M' /usr/bin/sftp "$@"\n`, { mode: 0o755 });
  return { bin, report };
}

export async function uploadsBench(ctx) {
  const { root, scratch, log, row, ms } = ctx;
  const sales = Number(process.env.BENCH_UPLOAD_SALES ?? 20_000);
  // The bundle that uploads (BENCH_UPLOAD_BUNDLE: another build of it, e.g. while dist/ is stale).
  const bundle = process.env.BENCH_UPLOAD_BUNDLE ?? path.join(root, 'dist', 'tillpoint.js');
  const { startSshd, opensshPut } = await sshdFixture(root, scratch);
  const sshd = await startSshd();
  try {
    const dir = uploadStore(ctx, sales, sshd.server({ password: '', privateKeyFile: sshd.privateKeyFile }));
    log(`tillpoint upload: building and uploading ${sales.toLocaleString()} sales`);
    const ours = timed(scratch, [process.execPath, ...shebangFlags(bundle), bundle, 'upload', '--data', dir, '--json']);
    const summary = JSON.parse(ours.stdout);
    if (summary.sales !== TILLS.length * Math.ceil(sales / TILLS.length)) throw new Error(`tillpoint upload sent ${summary.sales} sales, expected ${sales}`);
    const files = summary.tills.flatMap((t) => t.files);
    // The same bytes, from local copies, under names of their own.
    const local = path.join(scratch, 'openssh-files');
    fs.mkdirSync(local, { recursive: true });
    for (const f of files) fs.copyFileSync(path.join(sshd.uploadDir, f), path.join(local, f));
    const wrap = sftpWrapper(scratch);
    log(`OpenSSH sftp: putting the same ${files.length} files (${summary.bytes.toLocaleString()} bytes)`);
    const oldPath = process.env.PATH;
    process.env.PATH = `${wrap.bin}:${oldPath}`;
    const t = performance.now();
    try {
      for (const f of files) await opensshPut(sshd, path.join(local, f), `/upload/openssh-${f}`);
    } finally {
      process.env.PATH = oldPath;
    }
    const theirsMs = performance.now() - t;
    const theirsKb = Math.max(...fs.readFileSync(wrap.report, 'utf8').trim().split('\n').map((l) => Number(l.trim().split(/\s+/)[1])));
    for (const f of files) {
      if (!fs.readFileSync(path.join(sshd.uploadDir, f)).equals(fs.readFileSync(path.join(sshd.uploadDir, `openssh-${f}`)))) throw new Error(`${f}: sftp put other bytes`);
    }
    const idle = timed(scratch, [process.execPath, ...shebangFlags(bundle), bundle, '--help']);
    const timeRatio = ours.ms / theirsMs;
    const memRatio = ours.kb / theirsKb;
    const mb = (kb) => `${(kb / 1024).toFixed(1)} MB`;
    row(`upload ${sales.toLocaleString()} loyalty sales, ${TILLS.length} tills (${files.length} files, ${(summary.bytes / 1e6).toFixed(2)} MB): wall time`,
      `${ms(ours.ms)} (build + upload, one process)`, `OpenSSH sftp, same files: ${ms(theirsMs)} (${files.length} puts)`, 'within 2x', timeRatio <= 2);
    row('upload: peak memory (max RSS)', mb(ours.kb), `OpenSSH sftp: ${mb(theirsKb)}; tillpoint --help: ${mb(idle.kb)}`, '', undefined);
    row('upload / OpenSSH sftp: time, memory', `${timeRatio.toFixed(2)}x, ${memRatio.toFixed(1)}x`, '', 'time within 2x', timeRatio <= 2);
    return { sales, files: files.length, bytes: summary.bytes, ours: { ms: ours.ms, kb: ours.kb }, openssh: { ms: theirsMs, kb: theirsKb }, idleKb: idle.kb, timeRatio, memRatio };
  } finally {
    await sshd.close();
  }
}

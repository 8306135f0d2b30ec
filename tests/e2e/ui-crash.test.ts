// The real till in tmux, ringing up sales from keystroke bursts, killed with SIGKILL mid-burst:
// every sale in the journal is there once with its slip files, numbering goes on after restart.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../cli/run-cli.js';
import { startTmux, type TmuxSession } from './tmux.js';

const F2 = '\x1bOQ';
// Scan, Tender, Cash, Enter (the balance due), Enter (next sale).
const SALE = `6001000000018\r6001000000025\r${F2}C\r\r`;
const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});

function records(dir: string, till: string): any[] {
  const file = path.join(dir, 'journals', `${till}.jsonl`);
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l.slice(9)));
}

async function until(pred: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('SIGKILL during bursts of sales at two tills', () => {
  it('keeps every committed sale once, with its slips, and carries on', async () => {
    const dir = path.join(tempDir(), 'store');
    expect(cli(['--data', dir, 'init', '--demo']).code).toBe(0);
    const tills = ['T1', 'T2'].map((till) => {
      const s = startTmux({ args: ['--data', dir, '--till', till], env: { TILLPOINT_NOW: '2026-06-15T10:00:00Z' } });
      sessions.push(s);
      return { till, s };
    });
    for (const { s } of tills) await s.waitFor('Point of Sale');
    for (const { s } of tills) s.type(SALE.repeat(40));
    await until(() => tills.every(({ till }) => records(dir, till).length >= 8));
    for (const { s } of tills) process.kill(s.pid(), 'SIGKILL');

    for (const { till } of tills) {
      const recs = records(dir, till);
      expect(recs.map((r) => r.seq)).toEqual(recs.map((_, i) => i + 1));
      recs.forEach((r, i) => {
        expect(r.doc.lines.map((l: any) => l.itemCode)).toEqual(['MILK2L', 'BREADB']);
        expect(r.doc.total).toBe(3299 + 1749);
        // The slip files follow the journal write, so only the last sale may have died between them.
        if (i < recs.length - 1) expect(fs.existsSync(path.join(dir, 'slips', '2026-06-15', `${r.doc.saleNumber}-40.txt`))).toBe(true);
      });
      const ids = recs.map((r) => r.doc.saleId);
      expect(new Set(ids).size).toBe(ids.length);
    }

    // Restarted, each till reopens (taking over the dead process's lock) and numbering goes on.
    for (const { till, s } of tills) {
      s.kill();
      const before = records(dir, till).length;
      const again = startTmux({ args: ['--data', dir, '--till', till], env: { TILLPOINT_NOW: '2026-06-15T11:00:00Z' } });
      sessions.push(again);
      await again.waitFor('Point of Sale');
      again.type(SALE.replace(/\r$/, ''));
      await again.waitFor(`${till}-${String(before + 1).padStart(6, '0')}`);
      expect(records(dir, till)).toHaveLength(before + 1);
    }
  });
});

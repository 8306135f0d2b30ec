// logs/tillpoint.log rotates by size (to .1 ... .keep, the oldest dropped) and by age, and stays
// readable by support (0644 files, 0755 folder). Real files; the age comes from utimes.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOG_FILE, LOG_LIMITS, makeWarn, rotateLogs } from '../../src/store/log.js';
import { quietStore, tempDir } from './helpers.js';

const limits = { maxBytes: 1000, keep: 3, maxAgeMs: 30 * 24 * 3600 * 1000 };
const modeOf = (p: string) => fs.statSync(p).mode & 0o777;

describe('log rotation', () => {
  it('rotates past the size limit, keeps `keep` files and drops the oldest', () => {
    const logs = path.join(tempDir(), 'logs');
    const warn = makeWarn(logs, { stderr: false, limits });
    const file = path.join(logs, LOG_FILE);
    // Each line is about 100 bytes: 60 lines are six files' worth, more than the log plus 3 kept.
    for (let i = 0; i < 60; i++) warn(`line ${String(i).padStart(3, '0')} ${'x'.repeat(50)}`);
    const names = fs.readdirSync(logs).sort();
    expect(names).toEqual([LOG_FILE, `${LOG_FILE}.1`, `${LOG_FILE}.2`, `${LOG_FILE}.3`]);
    for (const n of names) expect(fs.statSync(path.join(logs, n)).size).toBeLessThanOrEqual(limits.maxBytes);
    // Newest in the log, then .1, .2, .3 in order; the first lines are gone.
    const all = [`${LOG_FILE}.3`, `${LOG_FILE}.2`, `${LOG_FILE}.1`, LOG_FILE].flatMap((n) => fs.readFileSync(path.join(logs, n), 'utf8').trim().split('\n'));
    const numbers = all.map((l) => Number(/line (\d+)/.exec(l)![1]));
    expect(numbers).toEqual(numbers.map((_, i) => 60 - numbers.length + i));
    expect(numbers[0]).toBeGreaterThan(0);
    expect(numbers.at(-1)).toBe(59);
    expect(fs.readFileSync(file, 'utf8')).toContain('line 059');
  });

  it('makes the log readable by support: 0644 files in a 0755 folder, whatever the umask', () => {
    const logs = path.join(tempDir(), 'logs');
    const old = process.umask(0o077);
    try {
      makeWarn(logs, { stderr: false, limits })('a warning');
    } finally {
      process.umask(old);
    }
    expect(modeOf(logs)).toBe(0o755);
    expect(modeOf(path.join(logs, LOG_FILE))).toBe(0o644);
    // Files made owner-only by someone else are opened up again at start-up.
    fs.chmodSync(path.join(logs, LOG_FILE), 0o600);
    fs.chmodSync(logs, 0o700);
    rotateLogs(logs, limits);
    expect(modeOf(logs)).toBe(0o755);
    expect(modeOf(path.join(logs, LOG_FILE))).toBe(0o644);
  });

  it('removes log files older than the age limit, and rotated files beyond keep', () => {
    const logs = path.join(tempDir(), 'logs');
    fs.mkdirSync(logs);
    const now = Date.now();
    const day = 24 * 3600 * 1000;
    for (const [name, ageDays] of [[LOG_FILE, 1], [`${LOG_FILE}.1`, 10], [`${LOG_FILE}.2`, 31], [`${LOG_FILE}.3`, 45], [`${LOG_FILE}.7`, 2]] as const) {
      const p = path.join(logs, name);
      fs.writeFileSync(p, `${name}\n`);
      const t = new Date(now - ageDays * day);
      fs.utimesSync(p, t, t);
    }
    fs.writeFileSync(path.join(logs, 'other.txt'), 'not a log\n');
    fs.utimesSync(path.join(logs, 'other.txt'), new Date(now - 90 * day), new Date(now - 90 * day));
    rotateLogs(logs, limits, now);
    expect(fs.readdirSync(logs).sort()).toEqual(['other.txt', LOG_FILE, `${LOG_FILE}.1`]);
  });

  it('an opened store applies the limits: a log past 5 MB is rotated, a month-old rotated log removed', async () => {
    const dir = tempDir();
    const logs = path.join(dir, 'logs');
    fs.mkdirSync(logs);
    fs.writeFileSync(path.join(logs, LOG_FILE), Buffer.alloc(LOG_LIMITS.maxBytes + 1, 0x61));
    fs.writeFileSync(path.join(logs, `${LOG_FILE}.4`), 'old\n');
    const old = new Date(Date.now() - LOG_LIMITS.maxAgeMs - 24 * 3600 * 1000);
    fs.utimesSync(path.join(logs, `${LOG_FILE}.4`), old, old);
    const { store } = await quietStore(dir);
    store.warn('after the rotation');
    store.close();
    expect(fs.statSync(path.join(logs, `${LOG_FILE}.1`)).size).toBe(LOG_LIMITS.maxBytes + 1);
    expect(fs.existsSync(path.join(logs, `${LOG_FILE}.4`))).toBe(false);
    expect(fs.readFileSync(path.join(logs, LOG_FILE), 'utf8')).toMatch(/warning: after the rotation\n$/);
  });
});

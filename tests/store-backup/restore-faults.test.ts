// A whole-store restore that fails part-way leaves the old store as it was: a write that fails
// while the restored copy is built, or the rename that would swap it in (fault injection through
// storeFs, the store's own seam). A crash between the two renames is refused by the next restore,
// which names the two folders.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { storeFs } from '../../src/store/fs-layer.js';
import { backupStore, restoreStore } from '../../src/store/store-backup/index.js';
import { snapshotDir } from '../cli/run-cli.js';
import { appendSales, quietStore, storeErrorOf, tempDir } from '../store/helpers.js';

const original = { ...storeFs };
afterEach(() => Object.assign(storeFs, original));

/** A store with 3 sales, a backup of it, then 2 more sales (so a restore would change it). */
async function storeAndBackup(): Promise<{ dir: string; backup: string }> {
  const dir = path.join(tempDir(), 'store');
  const { store } = await quietStore(dir);
  try {
    appendSales(store, 'T1', 3);
    const backup = path.join(path.dirname(dir), 'backup');
    await backupStore(store, { now: new Date(), to: backup });
    appendSales(store, 'T1', 2);
    return { dir, backup };
  } finally {
    store.close();
  }
}

const siblings = (dir: string) => fs.readdirSync(path.dirname(dir)).sort();

describe('whole-store restore when something fails', () => {
  it('keeps the old store when a write fails while the restored copy is built', async () => {
    const { dir, backup } = await storeAndBackup();
    const before = snapshotDir(dir);
    let fsyncs = 0;
    storeFs.fsyncSync = (fd: number) => {
      if (++fsyncs === 3) throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
      original.fsyncSync(fd);
    };
    expect(() => restoreStore(backup, dir, { now: new Date() })).toThrow(/EIO/);
    Object.assign(storeFs, original);
    expect(snapshotDir(dir)).toEqual(before);
    expect(siblings(dir)).toEqual(['backup', 'store']);
    expect(fs.readdirSync(path.join(dir, 'locks'))).toEqual([]);
  });

  it('puts the old store back when the rename that swaps the restored one in fails', async () => {
    const { dir, backup } = await storeAndBackup();
    const before = snapshotDir(dir);
    storeFs.renameSync = (from: fs.PathLike, to: fs.PathLike) => {
      if (String(from).includes('.restoring-')) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
      original.renameSync(from, to);
    };
    expect(() => restoreStore(backup, dir, { now: new Date() })).toThrow(/EIO/);
    Object.assign(storeFs, original);
    expect(snapshotDir(dir)).toEqual(before);
    expect(siblings(dir)).toEqual(['backup', 'store']);
    // And with the fault gone the same restore goes through.
    const r = restoreStore(backup, dir, { now: new Date() });
    expect(r.journals.T1!.lastSeq).toBe(3);
    expect(snapshotDir(r.replacedBy!)).toEqual(before);
  });

  it('a crash between the two renames is refused by the next restore, naming both folders', async () => {
    const { dir, backup } = await storeAndBackup();
    fs.renameSync(dir, `${dir}.before-restore-20260101-000000`);
    fs.mkdirSync(`${dir}.restoring-20260101-000000`);
    const e = storeErrorOf(() => restoreStore(backup, dir, { now: new Date() }));
    expect(e.message).toContain(`${dir} is missing while ${dir}.restoring-20260101-000000 stands beside it`);
    expect(e.message).toContain('store.before-restore-*');
    expect(fs.existsSync(dir)).toBe(false);
    // A till started meanwhile does not quietly make an empty store where the real one belongs.
    await expect(quietStore(dir)).rejects.toThrow(`${dir} is missing while ${dir}.restoring-20260101-000000 stands beside it`);
    expect(fs.existsSync(dir)).toBe(false);
  });
});

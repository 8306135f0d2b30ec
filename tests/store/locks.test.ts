import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/index.js';
import { lockWaiting } from '../../src/store/locks.js';
import { quietStore, runChild, startChild, tempDir } from './helpers.js';

/** The pid of a process that has already exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

function writeLock(dir: string, name: string, pid: number): void {
  fs.writeFileSync(path.join(dir, 'locks', name), JSON.stringify({ pid, host: os.hostname(), since: '2025-01-01T00:00:00.000Z', token: 'old' }));
}

describe('per-till writer lock', () => {
  it('refuses a second claim of the same till from another process, naming the holder', async () => {
    const dir = tempDir();
    const { store } = await quietStore(dir);
    const w = store.claimTill('T1');
    const r = await runChild('try-till', dir, 'T1');
    const out = JSON.parse(r.stdout.trim());
    expect(out).toMatchObject({ ok: false, code: 'LOCKED', holderPid: process.pid });
    expect(out.message).toContain(`process ${process.pid}`);
    // Another till is free.
    expect(JSON.parse((await runChild('try-till', dir, 'T2')).stdout.trim()).ok).toBe(true);
    w.release();
    expect(JSON.parse((await runChild('try-till', dir, 'T1')).stdout.trim()).ok).toBe(true);
    store.close();
  });

  it('refuses a second claim within the same process, and frees the till on release', async () => {
    const { store } = await quietStore(tempDir());
    const w = store.claimTill('T1');
    expect(() => store.claimTill('T1')).toThrow(new RegExp(`till T1 is locked by process ${process.pid} \\(this process\\)`));
    w.release();
    store.claimTill('T1').release();
    store.close();
  });

  it('refuses this process while a child holds the till', async () => {
    const dir = tempDir();
    (await quietStore(dir)).store.close();
    const child = await startChild('hold-till', dir, 'T1');
    await child.waitFor(/^ready/);
    const { store } = await quietStore(dir);
    let err: StoreError | undefined;
    try {
      store.claimTill('T1');
    } catch (e) {
      err = e as StoreError;
    }
    expect(err?.code).toBe('LOCKED');
    expect(err?.holderPid).toBe(child.proc.pid);
    expect(err?.message).toMatch(new RegExp(`till T1 is locked by process ${child.proc.pid}`));
    child.proc.stdin!.end();
    await child.done;
    store.claimTill('T1').release();
    store.close();
  });

  it('takes over the stale lock of a dead process, with a warning', async () => {
    const dir = tempDir();
    const { store, warnings } = await quietStore(dir);
    const dead = deadPid();
    writeLock(dir, 'till-T1.lock', dead);
    const w = store.claimTill('T1');
    expect(warnings.some((m) => m.includes(`till T1 lock of process ${dead}`) && /stale/.test(m))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'locks/till-T1.lock'), 'utf8')).pid).toBe(process.pid);
    w.release();
    expect(fs.existsSync(path.join(dir, 'locks/till-T1.lock'))).toBe(false);
    store.close();
  });

  it('takes over a lock whose pid now belongs to another process, and one held by a zombie', async () => {
    const dir = tempDir();
    const { store } = await quietStore(dir);
    // The parent (vitest) is alive, but it is not the process that took the lock: its start time differs.
    fs.writeFileSync(path.join(dir, 'locks', 'till-T1.lock'), JSON.stringify({ pid: process.ppid, host: os.hostname(), since: '2025-01-01T00:00:00.000Z', token: 'old', started: 1 }));
    store.claimTill('T1').release();
    // A child nobody has reaped yet is a zombie: its pid answers kill(pid, 0), yet it holds nothing.
    const parent = spawn('python3', ['-c', 'import os,sys,time\npid=os.fork()\nif pid==0: os._exit(0)\nprint(pid, flush=True)\ntime.sleep(30)']);
    const zpid = await new Promise<number>((resolve) => parent.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
    await new Promise((r) => setTimeout(r, 100));
    expect(fs.readFileSync(`/proc/${zpid}/stat`, 'latin1')).toMatch(/\) Z /);
    writeLock(dir, 'till-T1.lock', zpid);
    store.claimTill('T1').release();
    parent.kill('SIGKILL');
    store.close();
  });

  it('when two processes race for a stale lock, exactly one wins', async () => {
    const dir = tempDir();
    (await quietStore(dir)).store.close();
    for (let round = 0; round < 3; round++) {
      writeLock(dir, 'till-T9.lock', deadPid());
      const results = await Promise.all([1, 2, 3].map(() => runChild('try-till', dir, 'T9', '400')));
      const outs = results.map((r) => JSON.parse(r.stdout.trim()));
      expect(outs.filter((o) => o.ok)).toHaveLength(1);
      expect(outs.filter((o) => !o.ok).every((o) => o.code === 'LOCKED')).toBe(true);
    }
    expect(fs.readdirSync(path.join(dir, 'locks')).filter((f) => f.includes('.stale.'))).toEqual([]);
  });
});

describe('store lock', () => {
  it('serialises two processes editing the same document: all 100 items arrive', async () => {
    const dir = tempDir();
    (await quietStore(dir)).store.close();
    const [a, b] = await Promise.all([runChild('edit-items', dir, 'A', '50'), runChild('edit-items', dir, 'B', '50')]);
    expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
    const { store } = await quietStore(dir);
    const codes = store.get('items').items.map((i) => i.code);
    expect(codes).toHaveLength(100);
    expect(new Set(codes)).toEqual(new Set([...Array(50).keys()].flatMap((i) => [`A${i}`, `B${i}`])));
    store.close();
  });

  it('concurrent edits inside one process queue up and nest', async () => {
    const { store } = await quietStore(tempDir());
    await Promise.all(
      [...Array(20).keys()].map((i) => store.edit('items', (d) => void d.items.push({ code: `I${i}`, barcode: '', description: 'x', price: i, taxRate: 0 }))),
    );
    const n = await store.withStoreLock(async () => {
      await store.edit('items', (d) => void d.items.pop());
      return store.withStoreLockSync(() => store.get('items').items.length);
    });
    expect(n).toBe(19);
    store.close();
  });

  it('waits for a holder, then gives up with LOCKED naming its pid', async () => {
    const dir = tempDir();
    // Opening a store loads the documents under the store lock, so open before the child holds it.
    const { store } = await quietStore(dir);
    const child = await startChild('hold-store-lock', dir);
    await child.waitFor(/^locked/);
    const started = Date.now();
    const err = await lockWaiting(path.join(dir, 'locks/store.lock'), 'store', () => {}, 300).then(() => null, (e: unknown) => e as StoreError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(err?.code).toBe('LOCKED');
    expect(err?.holderPid).toBe(child.proc.pid);
    expect(err?.message).toMatch(new RegExp(`store is locked by process ${child.proc.pid}`));
    // An edit waits for the holder and goes through once it lets go.
    const edit = store.edit('items', (d) => void d.items.push({ code: 'AFTER', barcode: '', description: 'x', price: 1, taxRate: 0 }));
    child.proc.stdin!.end();
    await edit;
    expect(store.get('items').items.map((i) => i.code)).toEqual(['AFTER']);
    await child.done;
    store.close();
  });
});

describe('job lock', () => {
  it('is null while another live process holds it, and free again after', async () => {
    const dir = tempDir();
    const { store, warnings } = await quietStore(dir);
    const child = await startChild('hold-jobs', dir);
    expect(await child.waitFor(/^jobs/)).toMatch(/^jobs held/);
    expect(store.claimJobs()).toBeNull();
    child.proc.stdin!.end();
    await child.done;
    const mine = store.claimJobs();
    expect(mine).not.toBeNull();
    expect(store.claimJobs()).toBeNull(); // one holder, even within a process
    mine!.release();
    writeLock(dir, 'jobs.lock', deadPid());
    const again = store.claimJobs();
    expect(again).not.toBeNull();
    expect(warnings.some((m) => /jobs lock .* stale/.test(m))).toBe(true);
    store.close();
    expect(fs.existsSync(path.join(dir, 'locks/jobs.lock'))).toBe(false);
  });
});

// A lock held by another thread of this process (the accrual worker) is live until that thread
// ends: the till's own thread must not take it over, and may once the thread is gone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { lockNow } from '../../src/store/locks.js';

// The worker writes a lock file as our lock code would in that thread: pid, host, token, its OS thread id.
const HOLDER = `
const fs = require('node:fs');
const os = require('node:os');
const { workerData, parentPort } = require('node:worker_threads');
const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
fs.writeFileSync(workerData.file, JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString(), token: 'worker', tid }), { flag: 'wx' });
parentPort.postMessage(tid);
setInterval(() => {}, 1000);
`;

describe('locks across threads of one process', () => {
  it('refuses a lock a live worker thread holds, and takes it over once that thread has ended', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'locks-threads-'));
    const file = path.join(dir, 'till-BACKOFFICE.lock');
    const worker = new Worker(HOLDER, { eval: true, workerData: { file } });
    const tid = await new Promise<number>((resolve) => worker.once('message', resolve));
    expect(fs.existsSync(`/proc/${process.pid}/task/${tid}`)).toBe(true);
    const warnings: string[] = [];
    expect(() => lockNow(file, 'till BACKOFFICE', (m) => warnings.push(m))).toThrow(/locked by process \d+ \(this process\)/);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).token).toBe('worker');
    await worker.terminate();
    // The OS thread is gone once terminate() resolves.
    for (let i = 0; i < 50 && fs.existsSync(`/proc/${process.pid}/task/${tid}`); i++) await new Promise((r) => setTimeout(r, 20));
    const lock = lockNow(file, 'till BACKOFFICE', (m) => warnings.push(m));
    expect(warnings.join('\n')).toMatch(/was stale/);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).token).not.toBe('worker');
    lock.release();
    expect(fs.existsSync(file)).toBe(false);
  });
});

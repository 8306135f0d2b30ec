// The data folder on a tiny real file system (a loopback ext4 image, mounted here: the tests run
// as root, who can write a chmod 0555 folder anyway, so only a real full or read-only file system
// shows what a till would meet): space running low is a warning, a full disk fails with the
// numbers and the fix, and a file system remounted read-only fails the write probe.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli } from '../uploads/cli-bundle.js';
import { doctor, snapshot, storeWithSales, tempRoot } from './helpers.js';

let bundle: { file: string; remove(): void };
let root: string;
let mnt: string;
let mounted = false;
let dir: string;

beforeAll(async () => {
  bundle = await bundleCli();
  root = tempRoot('tillpoint-doctor-disk-');
  const img = path.join(root, 'disk.img');
  mnt = path.join(root, 'mnt');
  fs.mkdirSync(mnt);
  execFileSync('truncate', ['-s', '64M', img]);
  // -m 0: no blocks reserved for root, so "full" is full for this root-run test too.
  execFileSync('mkfs.ext4', ['-q', '-F', '-m', '0', img]);
  execFileSync('mount', ['-o', 'loop', img, mnt]);
  mounted = true;
  dir = path.join(mnt, 'store');
  storeWithSales(bundle.file, dir, 2);
}, 60_000);

afterAll(() => {
  if (mounted) {
    const r = spawnSync('umount', [mnt]);
    if (r.status !== 0) spawnSync('umount', ['-l', mnt]);
  }
  bundle?.remove();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('doctor on a tiny file system', () => {
  it('warns when free space is low, fails when the disk is full, and fails on a read-only file system', () => {
    // About 50-60 MB free of 64 MB: under the 500 MB warning line, over the 50 MB failing one.
    let r = doctor(bundle.file, dir);
    let space = r.check('disk-space');
    expect(space.status, space.detail).toBe('warning');
    expect(space.detail).toMatch(/^\d+ MB free of \d+ MB \(\d+ %\) on the disk holding .*: below 500 MB or 5 %$/);
    expect(r.check('data-folder').status).toBe('ok');
    expect(r.code).toBe(0);

    // Fill it up: dd stops at ENOSPC; a second one in 1 KB blocks takes what the first left.
    spawnSync('dd', ['if=/dev/zero', `of=${path.join(mnt, 'fill')}`, 'bs=1M'], { stdio: 'ignore' });
    spawnSync('dd', ['if=/dev/zero', `of=${path.join(mnt, 'fill2')}`, 'bs=1k'], { stdio: 'ignore' });
    execFileSync('sync');
    r = doctor(bundle.file, dir);
    space = r.check('disk-space');
    expect(space.status).toBe('fail');
    expect(space.detail).toMatch(/^0 MB free of \d+ MB \(0 %\) .*below 50 MB, sales may soon fail to record$/);
    expect(space.fix).toContain('free space on that disk');
    const folder = r.check('data-folder');
    expect(folder.status).toBe('fail');
    expect(folder.detail).toContain('ENOSPC');
    expect(folder.fix).toContain('is full');
    expect(r.code).toBe(1);

    // Space back, then the file system goes read-only (as the kernel does after disk errors).
    fs.rmSync(path.join(mnt, 'fill'));
    fs.rmSync(path.join(mnt, 'fill2'));
    execFileSync('mount', ['-o', 'remount,ro', mnt]);
    const before = snapshot(dir);
    r = doctor(bundle.file, dir);
    const ro = r.check('data-folder');
    expect(ro.status).toBe('fail');
    expect(ro.detail).toBe(`cannot write a file in ${dir}: EROFS (read-only file system); sales cannot be recorded`);
    expect(ro.fix).toContain('mounted read-only');
    expect(ro.fix).toContain('mount -o remount,rw');
    expect(r.code).toBe(1);
    // Everything that only reads still ran.
    expect(r.check('journals').status).toBe('ok');
    expect(snapshot(dir)).toEqual(before);
    execFileSync('mount', ['-o', 'remount,rw', mnt]);
  });
});

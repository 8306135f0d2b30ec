// Can this process write the store? A probe file is created, written, fsynced and removed in the
// data folder and each of the folders a till writes, exactly as a journal append or a document
// save would need. Its name is a temp name (`.<name>.<pid>.<hex>.tmp`), which the store removes
// as a leftover should the doctor die between creating and removing it.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { errnoCode, errorText } from '../store/errors.js';
import { fail, ok, type DoctorCheck, type Finding } from './types.js';

/** The folders tills and jobs write besides the data folder itself (those that exist are probed). */
const SUBFOLDERS = ['journals', 'open', 'locks', 'outbox', 'jobs', 'logs', 'uploads'];

function probe(dir: string): void {
  const file = path.join(dir, `.doctor-probe.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    fs.writeSync(fd, Buffer.from('tillpoint doctor write probe\n'));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
    try { fs.unlinkSync(file); } catch { /* never created past open */ }
  }
}

function fixFor(code: string | undefined, where: string): string {
  if (code === 'EROFS') return `the file system holding ${where} is mounted read-only (often after disk errors): check the disk (dmesg), then remount it read-write (mount -o remount,rw MOUNTPOINT)`;
  if (code === 'ENOSPC' || code === 'EDQUOT') return `the disk holding ${where} is full: free space there (old backups, logs), then run doctor again`;
  if (code === 'EACCES' || code === 'EPERM') {
    return `give the user tillpoint runs as (uid ${process.getuid?.() ?? '?'}) write access to ${where} again (chown/chmod; lsattr shows an immutable flag, chattr -i removes it)`;
  }
  return `check ${where} and the disk it is on (dmesg), then run doctor again`;
}

export const folderCheck: DoctorCheck = {
  id: 'data-folder',
  title: 'Data folder writable',
  async run(ctx): Promise<Finding> {
    const folders = [ctx.dir, ...SUBFOLDERS.map((s) => path.join(ctx.dir, s)).filter((d) => fs.existsSync(d))];
    for (const dir of folders) {
      try {
        probe(dir);
      } catch (err) {
        const code = errnoCode(err);
        const label = dir === ctx.dir ? ctx.dir : `${path.relative(ctx.dir, dir)}/ in ${ctx.dir}`;
        return fail(`cannot write a file in ${label}: ${code ?? errorText(err)}${code === 'EROFS' ? ' (read-only file system)' : ''}; sales cannot be recorded`, fixFor(code, dir));
      }
    }
    const subs = folders.length - 1;
    return ok(`${ctx.dir}: a probe file was written, fsynced and removed there${subs > 0 ? ` and in ${subs} of its folders` : ''}`);
  },
};

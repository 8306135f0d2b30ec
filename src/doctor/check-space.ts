// Free space where the store lives: every sale is an fsynced append, so a full disk stops the till.
// The limits are in the message, so a technician sees how close it is.
import fs from 'node:fs';
import { errorText } from '../store/errors.js';
import { fail, ok, warning, type DoctorCheck, type Finding } from './types.js';

const MB = 1024 * 1024;

export interface SpaceLimits {
  /** Below this many bytes free: fail. */
  failBytes: number;
  /** Below this many bytes free: warning. */
  warnBytes: number;
  /** Below this share free (percent, whole): warning. */
  warnPercent: number;
}

export const DEFAULT_SPACE_LIMITS: SpaceLimits = { failBytes: 50 * MB, warnBytes: 500 * MB, warnPercent: 5 };

/** "12 MB" below 10 GB, else "15.3 GB" (tenths by integer division, no float formatting surprises). */
export function sizeText(bytes: number): string {
  const mb = Math.floor(bytes / MB);
  if (mb < 10 * 1024) return `${mb} MB`;
  const tenths = Math.floor((bytes * 10) / (1024 * MB));
  return `${Math.floor(tenths / 10)}.${tenths % 10} GB`;
}

export function spaceFinding(s: { bavail: number; blocks: number; bsize: number; files: number; ffree: number }, dir: string, limits: SpaceLimits): Finding {
  const free = s.bavail * s.bsize;
  const total = s.blocks * s.bsize;
  const percent = total > 0 ? Math.floor((s.bavail * 100) / s.blocks) : 0;
  const detail = `${sizeText(free)} free of ${sizeText(total)} (${percent} %) on the disk holding ${dir}`;
  const fix = `free space on that disk (old backups/ and logs/ are safe to move elsewhere), or move the store to a bigger disk`;
  if (s.files > 0 && s.ffree === 0) return fail(`${detail}, but no file can be created there (no free inodes)`, fix);
  if (free < limits.failBytes) return fail(`${detail}: below ${sizeText(limits.failBytes)}, sales may soon fail to record`, fix);
  if (free < limits.warnBytes || percent < limits.warnPercent) {
    return warning(`${detail}: below ${sizeText(limits.warnBytes)} or ${limits.warnPercent} %`, fix);
  }
  return ok(detail);
}

export function spaceCheck(limits: SpaceLimits = DEFAULT_SPACE_LIMITS): DoctorCheck {
  return {
    id: 'disk-space',
    title: 'Free space',
    async run(ctx): Promise<Finding> {
      try {
        return spaceFinding(fs.statfsSync(ctx.dir), ctx.dir, limits);
      } catch (err) {
        return fail(`cannot read the free space of ${ctx.dir}: ${errorText(err)}`, `check the disk holding ${ctx.dir} (df -h)`);
      }
    },
  };
}

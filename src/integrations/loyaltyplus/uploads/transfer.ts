// Puts one batch in place on the server: `put` under `<name>.part`, posix-rename onto the fixed
// name (which replaces), then the `sent` record. Every batch is looked for first (one stat): one
// planned by a run that died, retried after a dropped connection, or planned again after the batch
// log was restored from a backup may be there already; the final name with the batch's size and
// checksum means it is, and it is only marked sent.
import { crashPoint } from '../../../store/crash-points.js';
import { SftpError } from '../../sftp/types.js';
import type { BatchLog } from './batch-log.js';
import { remotePath, type Link } from './link.js';
import { sha256Hex } from './sales-csv.js';
import type { PlannedBatch, SentHow } from './types.js';

export interface TransferContext {
  link: Link;
  log: BatchLog;
  uploadPath: string;
  now: () => Date;
}

const MID_PUT = 'uploads:mid-put';

/** Fault injection (TILLPOINT_CRASH_AT=uploads:mid-put): half the file reaches the server, then the process dies. */
function midPutArmed(): boolean {
  return process.env.TILLPOINT_CRASH_AT === MID_PUT;
}

export async function sendBatch(c: TransferContext, b: PlannedBatch, bytes: Buffer): Promise<SentHow> {
  const final = remotePath(c.uploadPath, b.name);
  const temp = `${final}.part`;
  const how = await c.link.attempt(async (s) => {
    const st = await s.stat(final);
    if (st !== null && st.size === b.bytes && sha256Hex(await s.read(final, b.bytes)) === b.sha256) return 'found-on-server' as const;
    if (midPutArmed()) {
      await s.put(bytes.subarray(0, Math.floor(bytes.length / 2)), temp);
      crashPoint(MID_PUT);
    }
    await s.put(bytes, temp);
    crashPoint('uploads:after-put');
    // Only a whole file takes the final name (a put cut short leaves a shorter .part).
    const put = await s.stat(temp);
    if (put === null || put.size !== b.bytes) {
      throw new SftpError('transfer', 'write', `${temp} holds ${put?.size ?? 'no'} bytes of ${b.bytes} after writing: it was not renamed into place`);
    }
    await s.rename(temp, final);
    crashPoint('uploads:after-rename');
    return 'uploaded' as const;
  });
  c.log.append({ type: 'sent', id: b.id, at: c.now().toISOString(), how });
  return how;
}

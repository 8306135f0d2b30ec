// The lock of the Loyalty Plus sales uploads' records (uploads/): held by an upload run for its
// whole length, and by Delete and Restore Loyalty tables while they move those records, so a run
// never writes to a batch log that is being archived or replaced under it.
import path from 'node:path';
import { StoreError } from './errors.js';
import { lockNow, type HeldLock } from './locks.js';
import type { Store } from './store.js';

export const UPLOAD_LOCK = 'uploads.lock';

export function takeUploadLock(store: Store): HeldLock {
  return lockNow(path.join(store.dir, 'locks', UPLOAD_LOCK), 'Loyalty Plus uploads', (m) => store.warn(m));
}

/** Runs `fn` holding the upload lock; refuses (LOCKED) while an upload run holds it. */
export async function withUploadRecords<T>(store: Store, what: string, fn: () => Promise<T>): Promise<T> {
  let lock: HeldLock;
  try {
    lock = takeUploadLock(store);
  } catch (err) {
    if (err instanceof StoreError && err.code === 'LOCKED') {
      throw new StoreError('LOCKED', `${what}: an upload run is in progress (process ${err.holderPid ?? '?'}); try again when it has finished (nothing was changed)`,
        err.holderPid === undefined ? {} : { holderPid: err.holderPid });
    }
    throw err;
  }
  try {
    return await fn();
  } finally {
    lock.release();
  }
}

// The loyalty book's epoch: go-live's "Delete Loyalty tables" starts a new one (and a restore
// makes a backup's epoch current again); each journal's loyalty history, uploads included,
// starts after the epoch's floor. Read from the BACKOFFICE journal's epoch records
// (loyalty-tables/epoch-records.ts), so it is right in every process, not only the one that
// wrote the reset.
import { currentMarks } from './loyalty-tables/epoch-records.js';
import type { Store } from './store.js';

export interface LoyaltyEpoch {
  id: string;
  /** Per journal (till journals and BACKOFFICE): the last seq that belongs to earlier epochs (0 or absent: none). */
  from: Readonly<Record<string, number>>;
  startedAt: string | null;
}

export function currentEpoch(store: Store): LoyaltyEpoch {
  const m = currentMarks(store);
  return { id: m.id, from: m.from, startedAt: m.startedAt };
}

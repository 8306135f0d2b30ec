// Local answers for list keys the kit's table shows on every list (Delete, Find) but that a given
// list does not offer: pressing one says why, instead of doing nothing (lazygit's disabled keys).
import { matches } from '../keys/bindings.js';
import type { Key } from '../keys/parse-keys.js';

export interface ListRefusals {
  /** Why this list has no Delete. */
  delete: string;
  /** Why this list has no Find. */
  find: string;
}

/** The reason to show for this key, or null when the key is not a refused list command. */
export function listRefusal(key: Key, refusals: ListRefusals): string | null {
  if (matches(key, 'listDelete')) return refusals.delete;
  if (matches(key, 'listFind')) return refusals.find;
  return null;
}

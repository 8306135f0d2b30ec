// The rules a contract obeys, shared by `tillpoint import contracts` (cli/contracts-csv.ts) and
// Main Menu > Contracts, so the screen and the import take and refuse the same values: the debtor
// and the item must exist, there is at most one contract per debtor and item, and the price is a
// decimal amount (parseMoney: no floats, no negatives, at most the currency's decimals).
// Pure (no React, no store): callers pass what is on disk now.
import { parseMoney } from './money.js';
import type { Contract } from './loyalty/types.js';
import type { Cents } from './types.js';

/** The identity of a contract: its debtor and item. */
export function contractKey(debtor: string, item: string): string {
  return JSON.stringify([debtor, item]);
}

/** Why a debtor code cannot be a contract's debtor, or null. `hint` follows an unknown code. */
export function contractDebtorProblem(code: string, debtorCodes: ReadonlySet<string>, hint?: string): string | null {
  if (code === '') return 'is required (a debtor code)';
  if (!debtorCodes.has(code)) return `no debtor with code ${code}${hint === undefined ? '' : `: ${hint}`}`;
  return null;
}

/** Why an item code cannot be a contract's item, or null. `hint` follows an unknown code. */
export function contractItemProblem(code: string, itemCodes: ReadonlySet<string>, hint?: string): string | null {
  if (code === '') return 'is required (an item code)';
  if (!itemCodes.has(code)) return `no item with code ${code}${hint === undefined ? '' : `: ${hint}`}`;
  return null;
}

/** The contract price in cents; throws the engine's message saying what amount is allowed. */
export function parseContractPrice(text: string, decimals = 2): Cents {
  return parseMoney(text, decimals);
}

/** The index of the debtor and item's contract (at most one), or -1. */
export function contractIndex(contracts: readonly Contract[], debtor: string, item: string): number {
  const key = contractKey(debtor, item);
  return contracts.findIndex((c) => contractKey(c.debtor, c.item) === key);
}

// Tender screen state: choose a tender (arrows + Enter, or its hot-key letter), then type the
// amount (Enter on an empty amount takes the balance due). Split tenders loop back to "choose".
import { roundCash } from '../../engine/rounding.js';
import type { CashRounding, Cents, Tender, TenderKind } from '../../engine/types.js';
import { moveSelection } from './window.js';

export interface TenderView {
  phase: 'choose' | 'amount';
  selected: number;
}

export type TenderAction =
  | { type: 'move'; delta: number; count: number }
  | { type: 'pick'; index: number }
  | { type: 'back' };

export const initialTenderView: TenderView = { phase: 'choose', selected: 0 };

export function tenderReducer(state: TenderView, action: TenderAction): TenderView {
  switch (action.type) {
    case 'move':
      return state.phase === 'choose' ? { ...state, selected: moveSelection(state.selected, action.delta, action.count) } : state;
    case 'pick':
      return { phase: 'amount', selected: action.index };
    case 'back':
      return { ...state, phase: 'choose' };
  }
}

/**
 * One hot-key letter per tender: the first letter of its code or name not taken by an earlier
 * tender (CASH -> C, CARD -> A), upper case. Never a digit: digits typed on the tender screen are
 * a scan gone astray, not a choice (see the pickTender binding).
 */
export function tenderHotKeys(tenders: readonly Pick<Tender, 'code' | 'name'>[]): string[] {
  const used = new Set<string>();
  return tenders.map((t) => {
    for (const ch of `${t.code}${t.name}`.toUpperCase()) {
      if (ch >= 'A' && ch <= 'Z' && !used.has(ch)) {
        used.add(ch);
        return ch;
      }
    }
    return '';
  });
}

/** Index of the tender a key picks (its hot-key letter, either case), or -1. Digits pick nothing. */
export function tenderForKey(key: string, hotKeys: readonly string[]): number {
  const k = key.toUpperCase();
  return k.length === 1 && k >= 'A' && k <= 'Z' ? hotKeys.indexOf(k) : -1;
}

/** What the customer owes on this tender: cash is rounded to the company's cash step. */
export function dueOnTender(due: Cents, kind: TenderKind, step: CashRounding): Cents {
  return kind === 'cash' ? roundCash(due, step) : due;
}

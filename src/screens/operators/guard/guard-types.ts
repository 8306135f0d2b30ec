// What a screen gets from useGuard, and what the app root's guard host answers. Kept apart from the
// dialog so a screen's imports stay small.
import { createContext } from 'react';
import type { GuardedAction } from '../../../engine/roles.js';

/** allowed with approvedBy: a supervisor's or manager's override (already recorded in the audit trail). */
export type GuardOutcome = { allowed: true; approvedBy?: string } | { allowed: false };

/** Resolves at once when the acting operator may; otherwise asks for an approver's code and PIN. */
export type Guard = (action: GuardedAction, ref?: string) => Promise<GuardOutcome>;

export interface OverrideAsk {
  action: GuardedAction;
  /** The operator who pressed the key. */
  asking: string;
  /** The sale, line or document it is for (shown, and kept with the override). */
  ref?: string;
}

/** Opens the override dialog on the top screen (src/screens/shell/navigator.tsx provides it). */
export type AskOverride = (ask: OverrideAsk) => Promise<GuardOutcome>;

export const GuardContext = createContext<AskOverride | null>(null);

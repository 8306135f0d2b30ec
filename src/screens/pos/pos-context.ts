// What the POS panels share: the till session, the screen's view store and the status line.
import type { LoyaltyPlusTill } from '../../integrations/loyaltyplus/till/till-flows.js';
import type { TillSessionApi } from '../../store/till-types.js';
import type { LpWait } from './lp-wait.js';
import type { MoneyFmt } from './format.js';
import type { MessageTone, PosAction, PosView } from './pos-state.js';
import type { ViewStore } from './view-store.js';

export interface PosContext {
  till: TillSessionApi;
  view: ViewStore<PosView, PosAction>;
  fmt: MoneyFmt;
  /** Puts a message in the status line (errors get the kit's `!` mark). */
  say(text: string, tone?: MessageTone): void;
  /** The Loyalty Plus till flows, or null when Loyalty Plus is not the loyalty provider. */
  lp: LoyaltyPlusTill | null;
  /** The one Loyalty Plus call the screen waits on (spinner, Esc cancels, keys held). */
  wait: LpWait;
}

/** Why F7, F8 and F12 do nothing on a till whose loyalty provider is not Loyalty Plus. */
export const LP_NOT_PROVIDER = 'Loyalty Plus is not the loyalty provider: choose it in Company Details > Default Settings 2, then restart the till';

/** The message of anything a till call threw (EngineError and StoreError say what to do). */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

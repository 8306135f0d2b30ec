// What the POS panels share: the till session, the screen's view store and the status line.
import type { TillSessionApi } from '../../store/till-types.js';
import type { MoneyFmt } from './format.js';
import type { MessageTone, PosAction, PosView } from './pos-state.js';
import type { ViewStore } from './view-store.js';

export interface PosContext {
  till: TillSessionApi;
  view: ViewStore<PosView, PosAction>;
  fmt: MoneyFmt;
  /** Puts a message in the status line (errors get the kit's `!` mark). */
  say(text: string, tone?: MessageTone): void;
}

/** The message of anything a till call threw (EngineError and StoreError say what to do). */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// Text helpers the four Loyalties screens share: the store's money format, instants shown on the
// shop's wall clock, and operator-facing error text. Columns reuse the till's `fit`, so a cut cell
// looks the same everywhere.
import { formatMoney, type MoneyFormat } from '../../engine/money.js';
import { wallTime } from '../../engine/zoned-time.js';
import type { Cents } from '../../engine/types.js';
import type { Store } from '../../store/index.js';

export { fit } from '../pos/format.js';

export function moneyFormatOf(store: Store): Required<MoneyFormat> {
  const c = store.get('settings').company;
  return { symbol: c.currencySymbol, decimals: c.currencyDecimals };
}

/** With the currency symbol: summaries and balances. */
export function money(cents: Cents, fmt: Required<MoneyFormat>): string {
  return formatMoney(cents, fmt);
}

/** Digits only, for right-aligned columns under a header. */
export function amount(cents: Cents, fmt: Required<MoneyFormat>): string {
  return formatMoney(cents, { decimals: fmt.decimals });
}

const two = (n: number): string => String(n).padStart(2, '0');

/** "2026-05-04 10:00" on the shop's clock: rows are read against the shop's calendar, not UTC. */
export function localStamp(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const w = wallTime(ms, timeZone);
  return `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}`;
}

/** "2026-05-01" for a period boundary (its first local day). */
export function localDate(iso: string, timeZone: string): string {
  return localStamp(iso, timeZone).slice(0, 10);
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

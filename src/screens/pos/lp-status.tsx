// What the till shows of Loyalty Plus without being asked: the provider's state and the calls
// waiting in this till's outbox (breadcrumb row), and the member attached to the sale (sale panel).
// The row also says "Upload failed" while the last Loyalty Plus sales upload failed.
import { useCallback, useContext, useMemo, useSyncExternalStore } from 'react';
import type { LoyaltyPlusServices } from '../../integrations/loyaltyplus/services.js';
import type { ExternalMember } from '../../engine/types.js';
import { AppContext } from '../app-context.js';
import { createUploadWatch } from './upload-status.js';

/** "1,234": points read at a glance, whatever the locale of the machine. */
export function pointsText(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The last four of a card, so the row does not show the whole number to whoever stands there. */
export function maskedCard(number: string): string {
  return number.length > 4 ? `****${number.slice(-4)}` : number;
}

/** The sale panel's member row. */
export function memberSummary(m: ExternalMember): string {
  if (m.account === undefined) return `Loyalty Plus: card ${maskedCard(m.number)} · offline, points pending`;
  const points = m.points === undefined ? '' : ` · ${pointsText(m.points)} points`;
  return `Loyalty Plus: ${m.name ?? `account ${m.account}`}${points}`;
}

/** "LP online", "LP offline · 3 waiting", "LP offline · 2 waiting · 1 failed". */
export function lpStatusText(lp: Pick<LoyaltyPlusServices, 'provider' | 'outbox'>): string {
  const state = lp.provider.state();
  const parts = [state === 'disabled' ? 'LP not set up' : `LP ${state}`];
  const s = lp.outbox?.status();
  if (s && s.waiting > 0) parts.push(`${s.waiting} waiting`);
  if (s && s.failed > 0) parts.push(`${s.failed} failed`);
  return parts.join(' · ');
}

const NO_SUBSCRIBE = (): (() => void) => () => {};

/** The provider line, kept current by the provider's and the outbox's change events, and the upload state. */
export function useLpStatus(lp: LoyaltyPlusServices | undefined): string | undefined {
  const subscribe = useCallback((listener: () => void) => {
    if (!lp) return () => {};
    const offProvider = lp.provider.onChange(() => listener());
    const offOutbox = lp.outbox?.onChange(listener);
    return () => {
      offProvider();
      offOutbox?.();
    };
  }, [lp]);
  const get = useCallback(() => (lp ? lpStatusText(lp) : undefined), [lp]);
  const provider = useSyncExternalStore(lp ? subscribe : NO_SUBSCRIBE, get, get);
  const upload = useUploadStatus();
  return provider && upload ? `${provider} · ${upload}` : (provider ?? upload);
}

/** "Upload failed" or undefined; outside the app root (a bare test render) always undefined. */
export function useUploadStatus(): string | undefined {
  const app = useContext(AppContext);
  const store = app?.store;
  const automation = app?.automation;
  const watch = useMemo(() => (store ? createUploadWatch(store, automation) : null), [store, automation]);
  const get = useCallback(() => watch?.get(), [watch]);
  return useSyncExternalStore(watch ? watch.subscribe : NO_SUBSCRIBE, get, get);
}

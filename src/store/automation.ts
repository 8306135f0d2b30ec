// Automation events as the screens and the job runner see them (automation.json).
import {
  LOYALTY_PLUS_SALES_CRON, LOYALTY_PLUS_SALES_EVENT, type AutomationEvent,
} from './automation-types.js';
import type { Store } from './store.js';

export function automationEvents(store: Store): readonly AutomationEvent[] {
  return store.get('automation').events;
}

/**
 * "Setup Automation Events": creates IQEvent_LoyaltyPlus_Sales (enabled, every 15 minutes) when it
 * is not there; an existing one is left as the operator set it (schedule, enabled).
 */
export async function ensureLoyaltyPlusSalesEvent(store: Store, now: Date): Promise<{ created: boolean; event: AutomationEvent }> {
  let created = false;
  const doc = await store.edit('automation', (draft) => {
    if (draft.events.some((e) => e.name === LOYALTY_PLUS_SALES_EVENT)) return;
    draft.events.push({ name: LOYALTY_PLUS_SALES_EVENT, action: 'loyalty-plus-sales', cron: LOYALTY_PLUS_SALES_CRON, enabled: true, createdAt: now.toISOString() });
    created = true;
  });
  return { created, event: doc.events.find((e) => e.name === LOYALTY_PLUS_SALES_EVENT)! };
}

/**
 * Changes an event's schedule and enabled flag. A bad schedule is refused by automation.json's
 * schema before anything is written (screens check it as it is typed, with cronProblem).
 */
export async function changeEvent(store: Store, name: string, change: { cron?: string; enabled?: boolean }): Promise<AutomationEvent> {
  const doc = await store.edit('automation', (draft) => {
    const e = draft.events.find((x) => x.name === name);
    if (!e) throw new Error(`there is no automation event ${name}`);
    if (change.cron !== undefined) e.cron = change.cron.trim();
    if (change.enabled !== undefined) e.enabled = change.enabled;
  });
  return doc.events.find((e) => e.name === name)!;
}

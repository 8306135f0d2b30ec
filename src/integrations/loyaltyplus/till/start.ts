// Starts Loyalty Plus in a till process when it is the loyalty provider: the provider (circuit
// breaker and probe), this till's outbox delivering in the background through it, and the till
// flows. Loaded only then, so a till on the built-in loyalty never parses any of it.
import type { Store } from '../../../store/store.js';
import { loyaltyPlusSettingsOf, toClientConfig } from '../../../store/loyalty-plus-settings.js';
import type { SettingsDoc } from '../../../store/documents-types.js';
import { Outbox } from '../outbox/outbox.js';
import { LoyaltyPlusProvider } from '../provider.js';
import type { LoyaltyPlusServices } from '../services.js';
import type { LoyaltyPlusApi, LoyaltyPlusConfig } from '../types.js';
import { providerClient } from './provider-client.js';
import { LoyaltyPlusTill, type TillSession } from './till-flows.js';

/** The slip waits a little past the call's own deadline, so it sees how the call ended. */
const ANSWER_MARGIN_MS = 250;

export interface StartOptions {
  now: () => Date;
  /** Default 5000: how often the outbox looks for entries due again. */
  deliverEveryMs?: number;
  probeEveryMs?: number;
  /** For tests: the client the provider makes (default: the real one over undici). */
  client?: (c: LoyaltyPlusConfig) => LoyaltyPlusApi;
}

/** Whether Loyalty Plus is the store's provider (Company Details > Default Settings 2). */
export function isLoyaltyPlusProvider(settings: SettingsDoc): boolean {
  return settings.defaults2.loyaltyProvider === 'loyalty-plus';
}

export function startLoyaltyPlus(store: Store, session: TillSession | null, o: StartOptions): LoyaltyPlusServices {
  // One config object per settings document, so the provider sees a change only when there is one.
  let seen: { doc: SettingsDoc; config: LoyaltyPlusConfig | null } | undefined;
  const config = (): LoyaltyPlusConfig | null => {
    const doc = store.get('settings');
    if (seen?.doc !== doc) {
      const lp = loyaltyPlusSettingsOf(doc);
      seen = { doc, config: isLoyaltyPlusProvider(doc) && lp.enabled ? toClientConfig(lp) : null };
    }
    return seen.config;
  };
  const provider = new LoyaltyPlusProvider({ config, now: o.now, ...(o.client ? { client: o.client } : {}), ...(o.probeEveryMs ? { probeEveryMs: o.probeEveryMs } : {}) });
  const client = providerClient(provider);
  let outbox: Outbox | null = null;
  try {
    outbox = session ? Outbox.open(store, session.till, { client: () => (config() ? client : null), now: o.now }) : null;
  } catch (err) {
    void provider.stop();
    throw err;
  }
  const box = outbox;
  const till = session && box
    ? new LoyaltyPlusTill({
      session, provider, outbox: box, answerWaitMs: () => (config()?.timeoutSeconds ?? 6) * 1000 + ANSWER_MARGIN_MS,
      // The go-live checklist's "enrolment tested" reads these traces.
      enrolmentLog: { storeDir: store.dir, now: o.now, warn: (m) => store.warn(m) },
    })
    : null;
  // Back online: what waited goes at once rather than at its next backoff.
  const off = provider.onChange((s) => { if (s === 'online' && box && box.status().waiting > 0) void box.retryNow().catch(() => undefined); });
  provider.start();
  box?.start(o.deliverEveryMs ?? 5000);
  if (box) void box.deliverDue();
  return {
    provider, outbox: box, till,
    async close() {
      off();
      await box?.close();
      await provider.stop();
    },
  };
}

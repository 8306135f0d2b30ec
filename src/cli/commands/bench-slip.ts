// `tillpoint bench slip`: Enter-to-slip time of a sale as the till screen makes it, with the store's
// loyalty provider as it is set up. Two figures per sale: the slip on screen (the sale recorded,
// its slip drawn), and the slip final (the provider's points in, or "loyalty pending" known).
// With --outage, the simulator the store points at is told to hang after the first member lookup,
// so the first sale meets the outage and the ones after it find the provider already offline.
import fs from 'node:fs';
import https from 'node:https';
import type { Store } from '../../store/index.js';
import { loyaltyPlusSettingsOf } from '../../store/loyalty-plus-settings.js';
import type { TillService } from '../../store/till-service.js';

export interface SlipBench { samples: number; onScreen: number[]; final: number[]; provider: string; pending: number }

/** The simulator's own fault switch (never part of the real service): unsigned, over its CA. */
function setFaults(store: Store, faults: object): Promise<void> {
  const lp = loyaltyPlusSettingsOf(store.get('settings'));
  const body = JSON.stringify(faults);
  return new Promise((resolve, reject) => {
    const req = https.request(`${lp.url}:${lp.port}/sim/faults`, { method: 'POST', ca: fs.readFileSync(lp.caFile), headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`the simulator refused the faults (${res.statusCode})`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function benchSlip(store: Store, till: TillService, now: () => Date, o: { samples: number; member?: string; outage: boolean }): Promise<SlipBench> {
  const onLp = store.get('settings').defaults2.loyaltyProvider === 'loyalty-plus';
  const lp = onLp ? (await import('../../integrations/loyaltyplus/till/start.js')).startLoyaltyPlus(store, till, { now }) : null;
  try {
    const codes = store.get('items').items.slice(0, 3).map((i) => i.code);
    const onScreen: number[] = [];
    const final: number[] = [];
    let pending = 0;
    for (let i = 0; i < o.samples; i++) {
      if (lp?.till && o.member) await lp.till.attach(o.member);
      if (lp && o.outage && i === 0) await setFaults(store, { delayMs: 60_000, times: 1_000_000 });
      for (const code of codes) till.scan(code);
      const started = performance.now();
      const sale = till.addTender('cash')!;
      till.slipText(sale, 40);
      onScreen.push(performance.now() - started);
      if (lp?.till) {
        await lp.till.settling;
        if (till.slipText(sale, 40).includes('Loyalty pending')) pending++;
      }
      final.push(performance.now() - started);
    }
    return { samples: o.samples, onScreen, final, provider: lp ? lp.provider.state() : 'none', pending };
  } finally {
    await lp?.close();
  }
}

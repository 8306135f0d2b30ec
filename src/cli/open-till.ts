// Opens a till session for a command. On a store whose loyalty provider is Loyalty Plus, the
// session's records carry the provider's calls (a refund of a member's sale owes one), which the
// till's outbox then delivers: a refund from the command line must not lose its call.
import { loyaltyPlusRowHooks } from '../integrations/loyaltyplus/till/row-hooks.js';
import type { Store } from '../store/index.js';
import { TillService } from '../store/till-service.js';
import type { TillServiceOptions } from '../store/till-types.js';

export function openTill(store: Store, opts: TillServiceOptions): TillService {
  const till = TillService.open(store, opts);
  if (store.get('settings').defaults2.loyaltyProvider === 'loyalty-plus') till.setHooks(loyaltyPlusRowHooks());
  return till;
}

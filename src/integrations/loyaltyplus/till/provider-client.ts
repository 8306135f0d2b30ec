// The client the outbox delivers through: every call goes by the provider, so while it is offline
// a delivery fails at once (kind 'offline', a wait) instead of each entry waiting for a timeout,
// and a delivery that cannot reach the service marks it offline for the till's own calls too.
import type { LoyaltyPlusProvider } from '../provider.js';
import type { CallOptions, LoyaltyPlusApi } from '../types.js';

export function providerClient(provider: LoyaltyPlusProvider): LoyaltyPlusApi {
  const via = <T>(o: CallOptions | undefined, fn: (api: LoyaltyPlusApi, signal: AbortSignal) => Promise<T>): Promise<T> =>
    provider.call(fn, o?.signal ? { signal: o.signal } : {});
  return {
    lookup: (n, o) => via(o, (api, signal) => api.lookup(n, { signal })),
    enrol: (m, key, o) => via(o, (api, signal) => api.enrol(m, key, { signal })),
    earn: (e, key, o) => via(o, (api, signal) => api.earn(e, key, { signal })),
    authorise: (r, key, o) => via(o, (api, signal) => api.authorise(r, key, { signal })),
    reverse: (a, reason, key, o) => via(o, (api, signal) => api.reverse(a, reason, key, { signal })),
    refund: (r, key, o) => via(o, (api, signal) => api.refund(r, key, { signal })),
    // The provider owns the real client and closes it in stop().
    close: async () => undefined,
  };
}

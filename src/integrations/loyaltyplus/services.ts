// What a till process runs of Loyalty Plus when it is the loyalty provider (Company Details >
// Default Settings 2): the provider's state and circuit breaker, this till's durable outbox, and
// the till flows (attach, balance, enrol, tender). Screens reach it through AppServices.loyaltyPlus.
import type { Outbox } from './outbox/outbox.js';
import type { LoyaltyPlusProvider } from './provider.js';
import type { LoyaltyPlusTill } from './till/till-flows.js';

export interface LoyaltyPlusServices {
  provider: LoyaltyPlusProvider;
  /** This till's outbox; null in a back-office session (no till, so nothing of its own to send). */
  outbox: Outbox | null;
  /** The till flows; null in a back-office session. */
  till: LoyaltyPlusTill | null;
  close(): Promise<void>;
}

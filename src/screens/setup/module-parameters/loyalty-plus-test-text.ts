// What Test says: the step where a failure happened (the client's FailureKind) and where to look
// for it, or the member found. Pure, so every kind's words are tested without a network.
import type { FailureKind, LoyaltyPlusConfig, Member } from '../../../integrations/loyaltyplus/types.js';
import { formatMoney } from '../../../engine/money.js';
import type { LoyaltyPlusTestResult } from '../../../store/loyalty-plus-settings.js';

export type TestOutcome = { ok: true; member: Member } | { ok: false; kind: FailureKind; message: string };

/** The signature of src/integrations/loyaltyplus/client.ts testConnection (injected in tests). */
export type TestConnection = (config: LoyaltyPlusConfig, account: string) => Promise<TestOutcome>;

/** Each step's name and the setup fields to look at, in the order a call goes through them. */
export const FAILURE_STEPS: Readonly<Record<FailureKind, { step: string; hint: string }>> = {
  'name-lookup': { step: 'name lookup', hint: 'the host name in URL does not resolve (DNS)' },
  'connect': { step: 'connect', hint: 'nothing accepted the connection: check URL, Port and the firewall' },
  'tls': { step: 'TLS', hint: 'the secure connection failed: check SSL Version and CA file' },
  'timeout': { step: 'timeout', hint: 'no full answer within Timeout seconds' },
  'http-status': { step: 'HTTP status', hint: 'the service answered with an unexpected status' },
  'signature': { step: 'signature rejected', hint: 'check Secret Start, Secret End, Partner ID, Terminal ID and API ID' },
  'unknown-account': { step: 'unknown account', hint: 'the service is reached and signs fine, but does not know that account number' },
  'refused': { step: 'refused', hint: 'the service refused the request' },
  'bad-response': { step: 'bad response', hint: 'the answer is not what the protocol says (is URL the LoyaltyPlus service?)' },
  'offline': { step: 'offline', hint: 'the till marked the service offline after a failed call and checks it again in the background' },
};

/**
 * `text` with every occurrence of a secret replaced, so a message passed on from the client or
 * the service can never show one (a service echoing a header, a library quoting a config).
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length > 0) out = out.split(s).join('***');
  return out;
}

export interface OutcomeText {
  ok: boolean;
  /** One line for the status line, e.g. "Test failed at: signature rejected". */
  headline: string;
  /** What to check, and the client's message (secrets removed). */
  details: string[];
}

export function outcomeText(outcome: TestOutcome, secrets: readonly string[]): OutcomeText {
  if (outcome.ok) {
    const m = outcome.member;
    const worth = Number.isSafeInteger(m.pointsValue) ? ` (worth ${formatMoney(m.pointsValue)})` : '';
    return {
      ok: true,
      headline: `Test OK: ${scrubSecrets(m.name, secrets)}, ${m.points} points`,
      details: [`Account ${m.account}, card ${m.card}: ${m.points} points${worth}`],
    };
  }
  const step = FAILURE_STEPS[outcome.kind];
  return {
    ok: false,
    headline: `Test failed at: ${step.step}`,
    details: [step.hint, scrubSecrets(outcome.message, secrets)],
  };
}

/** A Test that could not run at all (an error the client does not classify). */
export function brokenText(e: unknown, secrets: readonly string[]): OutcomeText {
  const message = e instanceof Error ? e.message : String(e);
  return { ok: false, headline: 'Test could not run', details: [scrubSecrets(message, secrets)] };
}

/** What settings.json keeps of a Test: never the secrets, never the member's details. */
export function testRecord(outcome: TestOutcome | null, account: string, at: Date): LoyaltyPlusTestResult {
  if (outcome === null) return { at: at.toISOString(), ok: false, account };
  return outcome.ok ? { at: at.toISOString(), ok: true, account } : { at: at.toISOString(), ok: false, kind: outcome.kind, account };
}

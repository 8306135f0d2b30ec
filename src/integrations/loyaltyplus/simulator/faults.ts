// Fault injection (the protocol's "Simulator extras"): what the next /v1 requests suffer, so the
// client and the outbox can be tested against timeouts, 5xx, lost connections and wrong secrets.
import * as z from 'zod/mini';

export interface Faults {
  delayMs?: number;
  status?: number;
  drop?: boolean;
  badSignature?: boolean;
  times?: number;
}

const MAX_DELAY_MS = 600_000;

const faultsSchema = z.strictObject({
  delayMs: z.optional(z.int().check(z.minimum(0), z.maximum(MAX_DELAY_MS))),
  status: z.optional(z.int().check(z.minimum(500), z.maximum(599))),
  drop: z.optional(z.boolean()),
  badSignature: z.optional(z.boolean()),
  times: z.optional(z.int().check(z.minimum(0))),
});

export const FAULTS_ALLOWED =
  `expected { delayMs?: 0-${MAX_DELAY_MS}, status?: 500-599, drop?: boolean, badSignature?: boolean, times?: 0 or more }`;

/** The faults in `value`, or undefined when it is not a Faults object. */
export function parseFaults(value: unknown): Faults | undefined {
  const r = faultsSchema.safeParse(value);
  return r.success ? r.data : undefined;
}

/**
 * Hands out the current faults one request at a time: `times` requests, then none; without
 * `times`, every request until the faults are set again. `times: 0` or no fault at all clears.
 */
export class FaultPlan {
  private current: Faults | undefined;
  private remaining = 0;

  set(f: Faults): void {
    const parsed = parseFaults(f);
    if (!parsed) throw new RangeError(`faults: ${FAULTS_ALLOWED}`);
    const any = Boolean(parsed.delayMs) || parsed.status !== undefined || Boolean(parsed.drop) || Boolean(parsed.badSignature);
    this.current = any && parsed.times !== 0 ? parsed : undefined;
    this.remaining = parsed.times ?? Number.POSITIVE_INFINITY;
  }

  /** What is set now (for POST /sim/faults's answer). */
  peek(): Faults {
    if (!this.current) return {};
    return Number.isFinite(this.remaining) ? { ...this.current, times: this.remaining } : { ...this.current };
  }

  /** The faults for one request, counting it against `times`. */
  take(): Faults | undefined {
    const f = this.current;
    if (!f) return undefined;
    this.remaining -= 1;
    if (this.remaining <= 0) this.current = undefined;
    return f;
  }
}

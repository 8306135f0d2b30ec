// Whether Loyalty Plus is worth calling right now (SPEC.md section 5): after a call that shows the
// service unreachable or slow, the provider is offline and the till's calls reject at once, so at
// most one sale per outage waits for the timeout; a background probe marks it online again.
// Nothing here logs, and the errors it makes are worded from our own text only, so no secret from
// the config can leave through it.
import { loadClient } from './load-client.js';
import { LoyaltyPlusError, type LoyaltyPlusApi, type LoyaltyPlusConfig } from './types.js';

export type ProviderState = 'disabled' | 'online' | 'offline';

export interface ProviderOptions {
  /** The config in force; null when Loyalty Plus is not set up or is disabled. A different
   * object than last time counts as a change of config. */
  config: () => LoyaltyPlusConfig | null;
  /** Default: createLoyaltyPlusClient, loaded on first use (see load-client.ts). */
  client?: (c: LoyaltyPlusConfig) => LoyaltyPlusApi;
  now: () => Date;
  /** Default 30000. */
  probeEveryMs?: number;
  /** Default '0': a 404 UNKNOWN_ACCOUNT answer still proves the service is up. */
  probeAccount?: string;
}

interface Session {
  config: LoyaltyPlusConfig;
  api: Promise<LoyaltyPlusApi>;
}

/** Failures that say the service cannot be reached or does not answer in time. */
export function meansUnreachable(err: unknown): boolean {
  if (!(err instanceof LoyaltyPlusError)) return false;
  const k = err.kind;
  return k === 'name-lookup' || k === 'connect' || k === 'tls' || k === 'timeout'
    || (k === 'http-status' && (err.status ?? 0) >= 500);
}

/** A LoyaltyPlusError of any other kind is an answer of the protocol, so the service is up. */
function provesReachable(err: unknown): boolean {
  return err instanceof LoyaltyPlusError && err.kind !== 'offline' && !meansUnreachable(err);
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

function abortError(reason: unknown): Error {
  const e = new Error('Loyalty Plus call was cancelled.', { cause: reason });
  e.name = 'AbortError';
  return e;
}

export class LoyaltyPlusProvider {
  private readonly probeEveryMs: number;
  private readonly probeAccount: string;
  private readonly makeClient: (c: LoyaltyPlusConfig) => Promise<LoyaltyPlusApi>;
  private readonly listeners = new Set<(s: ProviderState) => void>();
  private session: Session | undefined;
  /** The config object last seen, so a change is noticed even before a client is built. */
  private seen: LoyaltyPlusConfig | null | undefined;
  /** Bumped on every config change: an answer to a call made under an older config says
   * nothing about the current one. */
  private generation = 0;
  private offline = false;
  private reported: ProviderState | undefined;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private probing: Promise<ProviderState> | undefined;
  /** Aborted by stop(), so no call or probe outlives the session that made it. */
  private stopping = new AbortController();
  private readonly closing = new Set<Promise<void>>();

  constructor(private readonly o: ProviderOptions) {
    this.probeEveryMs = Math.max(1, o.probeEveryMs ?? 30_000);
    this.probeAccount = o.probeAccount ?? '0';
    const custom = o.client;
    this.makeClient = custom
      ? async (c) => custom(c)
      : async (c) => (await loadClient()).createLoyaltyPlusClient(c, { now: o.now });
    // The state it starts in is not a change, so it is taken before any listener can be added.
    this.sync();
  }

  state(): ProviderState {
    this.sync();
    return this.current();
  }

  onChange(listener: (s: ProviderState) => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  /** Starts the background probe (it runs only while offline). Calls work without it. */
  start(): void {
    this.running = true;
    if (this.stopping.signal.aborted) this.stopping = new AbortController();
    this.sync();
    this.schedule();
  }

  /** Clears the timer, cancels a call or probe in flight and closes the client. */
  async stop(): Promise<void> {
    this.running = false;
    this.clearTimer();
    this.stopping.abort();
    await this.probing?.catch(() => undefined);
    this.retire();
    await Promise.all([...this.closing]);
    // A call after stop() opens a new session rather than failing on the aborted signal.
    this.stopping = new AbortController();
  }

  /**
   * One synchronous call of the till (member lookup, authorise, enrol). Rejects at once with
   * kind 'offline' while the service is offline or not set up, because a cashier must not wait
   * for a timeout that is all but certain.
   */
  async call<T>(fn: (api: LoyaltyPlusApi, signal: AbortSignal) => Promise<T>, o: { signal?: AbortSignal } = {}): Promise<T> {
    if (o.signal?.aborted) throw abortError(o.signal.reason);
    const config = this.sync();
    if (config === null) {
      throw new LoyaltyPlusError('offline', 'Loyalty Plus is not set up or is switched off (Setup > Module Parameters > Web Services), so the call was not sent.');
    }
    if (this.offline) {
      this.schedule();
      throw new LoyaltyPlusError('offline', 'Loyalty Plus is offline: a recent call could not reach it, so the till does not wait for it. It is checked again in the background.');
    }
    const generation = this.generation;
    const api = await this.apiFor(config);
    const signal = o.signal ? AbortSignal.any([o.signal, this.stopping.signal]) : this.stopping.signal;
    try {
      const out = await fn(api, signal);
      this.learn(generation, 'online');
      return out;
    } catch (err) {
      // The cashier's Esc (or stop()) says nothing about the service.
      if (isAbort(err) || signal.aborted) throw err;
      if (meansUnreachable(err)) this.learn(generation, 'offline');
      else if (provesReachable(err)) this.learn(generation, 'online');
      throw err;
    }
  }

  /**
   * Asks the service now whether it is back (the probe's timer, or a manager's "retry now").
   * A probe already running is joined, never doubled. Resolves to the state afterwards.
   */
  probeNow(): Promise<ProviderState> {
    this.probing ??= this.probe().finally(() => {
      this.probing = undefined;
      this.schedule();
    });
    return this.probing;
  }

  private async probe(): Promise<ProviderState> {
    const config = this.sync();
    if (config === null || !this.offline) return this.current();
    const generation = this.generation;
    try {
      const api = await this.apiFor(config);
      await api.lookup(this.probeAccount, { signal: this.stopping.signal });
      this.learn(generation, 'online');
    } catch (err) {
      if (provesReachable(err)) this.learn(generation, 'online');
      // Anything else (still unreachable, cancelled by stop(), a broken client) leaves it offline.
    }
    return this.current();
  }

  /** Reads the config, and on a change drops the old client and the offline mark with it. */
  private sync(): LoyaltyPlusConfig | null {
    const config = this.o.config();
    if (config !== this.seen) {
      this.seen = config;
      this.generation += 1;
      this.retire();
      // The mark was about the old config; the next call finds out about the new one.
      this.offline = false;
      this.clearTimer();
    }
    this.report();
    return config;
  }

  private async apiFor(config: LoyaltyPlusConfig): Promise<LoyaltyPlusApi> {
    if (this.session?.config !== config) {
      this.retire();
      const session: Session = { config, api: this.makeClient(config) };
      this.session = session;
      // A client that could not be made is made again on the next call, not remembered.
      session.api.catch(() => { if (this.session === session) this.session = undefined; });
    }
    return this.session.api;
  }

  private retire(): void {
    const old = this.session;
    if (!old) return;
    this.session = undefined;
    const closed = old.api.then((api) => api.close()).catch(() => undefined)
      .finally(() => { this.closing.delete(closed); });
    this.closing.add(closed);
  }

  private learn(generation: number, s: 'online' | 'offline'): void {
    if (generation !== this.generation) return;
    this.offline = s === 'offline';
    if (this.offline) this.schedule();
    else this.clearTimer();
    this.report();
  }

  private schedule(): void {
    if (!this.running || !this.offline || this.timer || this.probing) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.probeNow();
    }, this.probeEveryMs);
    // The probe must never be what keeps the process alive.
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private current(): ProviderState {
    if (this.seen === null) return 'disabled';
    return this.offline ? 'offline' : 'online';
  }

  private report(): void {
    const s = this.current();
    if (s === this.reported) return;
    this.reported = s;
    for (const l of [...this.listeners]) {
      try {
        l(s);
      } catch {
        // A listener's bug must not turn a working call into a failed one.
      }
    }
  }
}

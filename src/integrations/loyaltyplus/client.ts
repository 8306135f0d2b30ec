// The Loyalty Plus client of docs/loyalty-plus-protocol.md over undici 7 (never the global fetch,
// which on Node 20 is a different undici). See PITFALLS.md "undici 7" for why the deadline, the
// body handling and the absence of retries look the way they do.
import { readFileSync } from 'node:fs';
import { Agent } from 'undici';
import { HEADERS, sign } from './signature.js';
import { checkShape, MEMBER, EARNED, AUTHORISED, REVERSED, REFUNDED } from './shape.js';
import { classify, errorCodes, failure, statusFailure, type CallContext, type Step } from './failure.js';
import {
  LoyaltyPlusError, type CallOptions, type FailureKind, type LoyaltyPlusApi, type LoyaltyPlusConfig,
  type Member,
} from './types.js';

/** Longest body we read; the protocol's answers are a few hundred bytes. */
const MAX_BODY_BYTES = 256 * 1024;
/** Connect (TCP + TLS) gets at most this, and never the whole deadline, so a dead host shows up
 * as 'connect' rather than as a generic 'timeout'. */
const MAX_CONNECT_MS = 10_000;

export interface ClientOptions {
  /** The clock for X-LP-Timestamp (tests; the till passes its own clock). */
  now?: () => Date;
}

interface Call {
  step: Step;
  method: 'GET' | 'POST';
  path: string;
  /** Only for POST. */
  body?: unknown;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** What a call could not even start with: a config problem, reported on every call. */
interface Broken { kind: FailureKind; words: string }

export function createLoyaltyPlusClient(config: LoyaltyPlusConfig, opts: ClientOptions = {}): LoyaltyPlusApi {
  const now = opts.now ?? (() => new Date());
  const timeoutMs = Math.max(1, Math.round(config.timeoutSeconds * 1000));
  const target = originOf(config);
  const origin = 'origin' in target ? target.origin : '';
  const where = 'origin' in target ? target.where : `${config.url}:${config.port}`;
  // A config problem does not throw here: the outbox and the Test button both create clients,
  // and both need it as a LoyaltyPlusError of a kind, on the call that hits it.
  let broken: Broken | undefined = 'origin' in target ? undefined : target;
  let ca: Buffer | undefined;
  if (config.caFile) {
    try {
      ca = readFileSync(config.caFile);
    } catch (err) {
      const code = errorCodes(err)[0];
      broken ??= { kind: 'tls', words: `the CA file ${config.caFile} cannot be read${code ? ` (${code})` : ''}. Check the CA file in setup.` };
    }
  }
  const agent = new Agent({
    connect: {
      timeout: Math.min(MAX_CONNECT_MS, Math.ceil(timeoutMs * 0.75)),
      minVersion: config.tls,
      ca,
      // Stated rather than left to the default, so a later edit cannot quietly switch it off.
      rejectUnauthorized: true,
    },
    // Backstops only: the call's deadline below is the real limit (headersTimeout starts after
    // the body is sent and fires late), and both would be 'timeout' anyway.
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });

  async function call(c: Call): Promise<unknown> {
    const ctx: CallContext = { step: c.step, where, timeoutSeconds: config.timeoutSeconds };
    if (broken) throw new LoyaltyPlusError(broken.kind, `Loyalty Plus ${c.step} failed: ${broken.words}`);
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = c.signal ? AbortSignal.any([deadline, c.signal]) : deadline;
    const bodyText = c.method === 'POST' ? JSON.stringify(c.body) : '';
    const bodyBytes = Buffer.from(bodyText, 'utf8');
    const idempotencyKey = c.idempotencyKey ?? '';
    // A GET may meet a keep-alive socket the server has just closed; trying it once more on a
    // fresh connection, inside the same deadline, is safe because a lookup changes nothing.
    // POSTs are never repeated here: the outbox repeats them with the same key.
    let attemptsLeft = c.method === 'GET' ? 2 : 1;
    for (;;) {
      attemptsLeft -= 1;
      try {
        return await attempt();
      } catch (err) {
        const e = classify(err, ctx, { deadline, caller: c.signal });
        const reset = errorCodes(err).some((x) => x === 'ECONNRESET' || x === 'UND_ERR_SOCKET');
        if (attemptsLeft > 0 && reset && e instanceof LoyaltyPlusError && e.kind === 'connect' && !signal.aborted) continue;
        throw e;
      }
    }

    async function attempt(): Promise<unknown> {
      // Signed per attempt: the timestamp is the request's instant.
      const timestamp = now().toISOString();
      const signature = sign(
        { method: c.method, path: c.path, timestamp, idempotencyKey, body: bodyBytes },
        { secretStart: config.secretStart, secretEnd: config.secretEnd },
      );
      const headers: Record<string, string> = {
        accept: 'application/json',
        [HEADERS.partner]: config.partnerId,
        [HEADERS.terminal]: config.terminalId,
        [HEADERS.api]: config.apiId,
        [HEADERS.timestamp]: timestamp,
        [HEADERS.signature]: signature,
      };
      if (c.method === 'POST') {
        headers['content-type'] = 'application/json; charset=utf-8';
        headers[HEADERS.idempotencyKey] = idempotencyKey;
      }
      // agent.request with an explicit path (rather than request(url)) sends exactly the path we
      // signed; a URL object would normalise it first.
      const res = await agent.request({
        origin,
        path: c.path,
        method: c.method,
        headers,
        body: c.method === 'POST' ? bodyBytes : undefined,
        signal,
      });
      const text = await readCapped(res.body, ctx);
      const parsed = parseJson(text);
      if (res.statusCode < 200 || res.statusCode > 299) {
        const code = typeof parsed === 'object' && parsed !== null
          && typeof (parsed as { error?: unknown }).error === 'string'
          ? (parsed as { error: string }).error : undefined;
        throw statusFailure(res.statusCode, code, ctx);
      }
      if (parsed === undefined) throw failure('bad-response', ctx, { what: 'not JSON' });
      return parsed;
    }
  }

  function checked<S extends Parameters<typeof checkShape>[1]>(step: Step, body: unknown, spec: S) {
    const r = checkShape(body, spec);
    if (!r.ok) throw failure('bad-response', { step, where, timeoutSeconds: config.timeoutSeconds }, { what: `field "${r.field}"` });
    return r.value;
  }

  /** The answer must be about what we asked for; anything else is a mixed-up reply. */
  function echoes(step: Step, field: string, got: string, sent: string): void {
    if (got !== sent) throw failure('bad-response', { step, where, timeoutSeconds: config.timeoutSeconds }, { what: `"${field}" does not match the request` });
  }

  function segment(step: Step, value: string): string {
    const enc = encodeURIComponent(value);
    // Empty or dot-only segments would change which resource the path names.
    if (!/[^.]/.test(enc)) {
      throw new LoyaltyPlusError('refused', `Loyalty Plus ${step} failed: the number is empty or not valid.`, undefined, 'BAD_REQUEST');
    }
    return enc;
  }

  return {
    async lookup(number: string, o?: CallOptions): Promise<Member> {
      const step: Step = 'member lookup';
      const path = `/v1/members/${segment(step, number)}`;
      const m = checked(step, await call({ step, method: 'GET', path, signal: o?.signal }), MEMBER);
      if (m.account !== number && m.card !== number) echoes(step, 'account', m.account, number);
      return m;
    },
    async enrol(m, idempotencyKey, o) {
      const step: Step = 'enrolment';
      const body = { name: m.name, cellphone: m.cellphone, card: m.card };
      return checked(step, await call({ step, method: 'POST', path: '/v1/members', body, idempotencyKey, signal: o?.signal }), MEMBER);
    },
    async earn(e, idempotencyKey, o) {
      const step: Step = 'earning points';
      const r = checked(step, await call({ step, method: 'POST', path: '/v1/earn', body: e, idempotencyKey, signal: o?.signal }), EARNED);
      echoes(step, 'sale', r.sale, e.sale);
      return r;
    },
    async authorise(r, idempotencyKey, o) {
      const step: Step = 'redemption';
      const body = { account: r.account, sale: r.sale, amount: r.amount };
      return checked(step, await call({ step, method: 'POST', path: '/v1/redemptions', body, idempotencyKey, signal: o?.signal }), AUTHORISED);
    },
    async reverse(authorisation, reason, idempotencyKey, o) {
      const step: Step = 'redemption reversal';
      const path = `/v1/redemptions/${segment(step, authorisation)}/reverse`;
      // REVERSED requires `reversed: true`: a 200 that says "not reversed" must not let the till
      // believe the points went back.
      const r = checked(step, await call({ step, method: 'POST', path, body: { reason }, idempotencyKey, signal: o?.signal }), REVERSED);
      echoes(step, 'authorisation', r.authorisation, authorisation);
      return r;
    },
    async refund(r, idempotencyKey, o) {
      const step: Step = 'refund';
      const body = { account: r.account, sale: r.sale, refund: r.refund, at: r.at, amount: r.amount };
      const out = checked(step, await call({ step, method: 'POST', path: '/v1/refunds', body, idempotencyKey, signal: o?.signal }), REFUNDED);
      echoes(step, 'refund', out.refund, r.refund);
      return out;
    },
    async close(): Promise<void> {
      broken ??= { kind: 'connect', words: 'the client was closed.' };
      await agent.close();
    },
  };
}

/** The setup screen's Test button: one member lookup with the config being edited. */
export async function testConnection(
  config: LoyaltyPlusConfig, account: string,
): Promise<{ ok: true; member: Member } | { ok: false; kind: FailureKind; message: string }> {
  const client = createLoyaltyPlusClient(config);
  try {
    return { ok: true, member: await client.lookup(account) };
  } catch (err) {
    if (err instanceof LoyaltyPlusError) return { ok: false, kind: err.kind, message: err.message };
    throw err;
  } finally {
    await client.close();
  }
}

function originOf(config: LoyaltyPlusConfig): { origin: string; where: string } | Broken {
  let u: URL;
  try {
    u = new URL(config.url);
  } catch {
    return { kind: 'connect', words: 'the URL in setup is not a valid address (e.g. https://loyalty.example.com).' };
  }
  if (u.protocol !== 'https:') return { kind: 'connect', words: 'the URL in setup must start with https:// (the service is HTTPS only).' };
  if (!Number.isInteger(config.port) || config.port < 1 || config.port > 65535) {
    return { kind: 'connect', words: `the Port in setup must be 1 to 65535.` };
  }
  // Setup's Port is the port; one written into the URL is ignored so there is one source of truth.
  const where = `${u.hostname}:${config.port}`;
  return { origin: `https://${where}`, where };
}

/** Reads the whole body (so the socket goes back to the pool), refusing absurd sizes. */
async function readCapped(body: AsyncIterable<Buffer> & { destroy(err?: Error): unknown }, ctx: CallContext): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      body.destroy();
      throw failure('bad-response', ctx, { what: `answer larger than ${MAX_BODY_BYTES} bytes` });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

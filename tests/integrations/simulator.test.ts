// The Loyalty Plus simulator over real HTTPS on loopback, against docs/loyalty-plus-protocol.md.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { Agent, request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HEADERS, REPLAY_WINDOW_S } from '../../src/integrations/loyaltyplus/signature.js';
import { call, earnBody, IDS, simCall, startHarness, THANDI, type Harness } from './simulator-helpers.js';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.close(); });

const ZERO_COUNTS = { lookup: 0, enrol: 0, earn: 0, authorise: 0, reverse: 0, refund: 0 };
const balance = () => h.sim.members().find((m) => m.account === THANDI.account)?.points;

describe('operations', () => {
  it('looks a member up by account and by card number', async () => {
    for (const n of [THANDI.account, THANDI.card]) {
      const r = await call(h, { path: `/v1/members/${n}` });
      expect(r.status).toBe(200);
      expect(r.body).toEqual(THANDI);
      expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    }
    const unknown = await call(h, { path: '/v1/members/4999999' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: 'UNKNOWN_ACCOUNT', message: expect.stringContaining('4999999') });
    expect(h.sim.counts()).toEqual({ ...ZERO_COUNTS, lookup: 2 });
  });

  it('enrols a member with no points, and refuses a card already issued', async () => {
    const m = { name: 'Sipho Dlamini', cellphone: '+27821234567', card: '6009000000777' };
    const r = await call(h, { path: '/v1/members', body: m, key: 'enrol-1' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ account: '4000002', card: m.card, name: m.name, points: 0, pointsValue: 0 });
    expect((await call(h, { path: `/v1/members/${m.card}` })).body.account).toBe('4000002');
    const again = await call(h, { path: '/v1/members', body: { ...m, name: 'Someone Else' }, key: 'enrol-2' });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('DUPLICATE_CARD');
    expect(h.sim.counts().enrol).toBe(1);
  });

  it('earns one point per whole R1.00 of the sale', async () => {
    const r = await call(h, { path: '/v1/earn', body: earnBody(12_399), key: 'earn-1' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ sale: 'T1-000042', points: 123, balance: 1323 });
    expect(balance()).toBe(1323);
    const unknown = await call(h, { path: '/v1/earn', body: { ...earnBody(100), account: '4999999' }, key: 'earn-2' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('UNKNOWN_ACCOUNT');
  });

  it('authorises a redemption of one point per cent, refuses one above the balance, and reverses', async () => {
    const a = await call(h, { path: '/v1/redemptions', body: { account: THANDI.account, sale: 'T1-000043', amount: 500 }, key: 'r-1' });
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ authorisation: expect.stringMatching(/^A-/), amount: 500, balance: 700 });
    const tooMuch = await call(h, { path: '/v1/redemptions', body: { account: THANDI.account, sale: 'T1-000043', amount: 701 }, key: 'r-2' });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error).toBe('INSUFFICIENT_POINTS');
    const path = `/v1/redemptions/${a.body.authorisation}/reverse`;
    const rev = await call(h, { path, body: { reason: 'abandoned' }, key: 'rev-1' });
    expect(rev.status).toBe(200);
    expect(rev.body).toEqual({ authorisation: a.body.authorisation, reversed: true, balance: 1200 });
    // A second reversal under a new key answers the same but puts nothing back.
    const twice = await call(h, { path, body: { reason: 'voided' }, key: 'rev-2' });
    expect(twice.body).toEqual({ authorisation: a.body.authorisation, reversed: true, balance: 1200 });
    const unknown = await call(h, { path: '/v1/redemptions/A-999999/reverse', body: { reason: 'refund' }, key: 'rev-3' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('UNKNOWN_AUTHORISATION');
    expect(h.sim.counts()).toEqual({ ...ZERO_COUNTS, authorise: 1, reverse: 1 });
  });

  it('takes back the points a refund earned', async () => {
    const body = { account: THANDI.account, sale: 'T1-000042', refund: 'T1-000050', at: '2026-12-01T10:00:00.000Z', amount: 5_099 };
    const r = await call(h, { path: '/v1/refunds', body, key: 'refund-1' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ refund: 'T1-000050', points: 50, balance: 1150 });
  });

  it('refuses a malformed body or path with BAD_REQUEST and says what is allowed', async () => {
    const cases = [
      { path: '/v1/earn', body: { ...earnBody(100), amount: 1.5 }, key: 'b-1', field: 'amount' },
      { path: '/v1/earn', body: '{not json', key: 'b-2', field: 'JSON' },
      { path: '/v1/redemptions', body: { account: THANDI.account, sale: 'S', amount: 0 }, key: 'b-3', field: 'amount' },
      { path: '/v1/members', body: { name: 'X', cellphone: 'call me', card: '1' }, key: 'b-4', field: 'cellphone' },
      { path: '/v1/nothing-here', body: {}, key: 'b-5', field: '/v1/nothing-here' },
      { path: '/v1/earn', body: earnBody(100), field: 'Idempotency-Key' },
    ];
    for (const c of cases) {
      const r = await call(h, c);
      expect(r.status, c.key).toBe(400);
      expect(r.body).toEqual({ error: 'BAD_REQUEST', message: expect.stringContaining(c.field) });
    }
    expect(h.sim.counts()).toEqual(ZERO_COUNTS);
  });
});

describe('signature, timestamp and partner', () => {
  it('refuses wrong secrets, and a body changed after signing, with 401 BAD_SIGNATURE', async () => {
    const wrong = await call(h, { path: `/v1/members/${THANDI.account}`, secrets: { ...IDS, secretEnd: 'eNd-4568' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'BAD_SIGNATURE', message: expect.any(String) });
    expect(JSON.stringify(wrong.body)).not.toContain(IDS.secretStart);
    const signed = await call(h, { path: '/v1/earn', body: earnBody(100), key: 'k', headers: { [HEADERS.signature]: 'ab'.repeat(32) } });
    expect(signed.body.error).toBe('BAD_SIGNATURE');
    const none = await call(h, { path: `/v1/members/${THANDI.account}`, headers: { [HEADERS.signature]: undefined } });
    expect(none.body.error).toBe('BAD_SIGNATURE');
    expect(h.sim.counts()).toEqual(ZERO_COUNTS);
  });

  it(`accepts a timestamp up to ${REPLAY_WINDOW_S} s either side of its clock and refuses one further out`, async () => {
    const at = (s: number) => new Date(h.clock.now.getTime() + s * 1000);
    for (const s of [-REPLAY_WINDOW_S, REPLAY_WINDOW_S]) {
      expect((await call(h, { path: `/v1/members/${THANDI.account}`, at: at(s) })).status).toBe(200);
    }
    for (const s of [-REPLAY_WINDOW_S - 1, REPLAY_WINDOW_S + 1]) {
      const r = await call(h, { path: `/v1/members/${THANDI.account}`, at: at(s) });
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: 'STALE_TIMESTAMP', message: expect.stringContaining('clock') });
    }
  });

  it('refuses an unknown partner, terminal or API ID with 403 UNKNOWN_PARTNER', async () => {
    for (const name of [HEADERS.partner, HEADERS.terminal, HEADERS.api]) {
      for (const value of ['someone-else', undefined]) {
        const r = await call(h, { path: `/v1/members/${THANDI.account}`, headers: { [name]: value } });
        expect(r.status).toBe(403);
        expect(r.body.error).toBe('UNKNOWN_PARTNER');
      }
    }
  });
});

describe('idempotency', () => {
  it('answers a repeated POST with the first answer and applies it once', async () => {
    const first = await call(h, { path: '/v1/earn', body: earnBody(1_000), key: 'sale-42-earn' });
    h.clock.now = new Date(h.clock.now.getTime() + 60_000); // a retry is signed afresh
    const again = await call(h, { path: '/v1/earn', body: earnBody(1_000), key: 'sale-42-earn' });
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(h.sim.counts().earn).toBe(1);
    expect(balance()).toBe(1210);
  });

  it('answers a repeated refusal with the same refusal', async () => {
    const body = { account: THANDI.account, sale: 'S-1', amount: 5_000 };
    const first = await call(h, { path: '/v1/redemptions', body, key: 'big' });
    const again = await call(h, { path: '/v1/redemptions', body, key: 'big' });
    expect(first.status).toBe(409);
    expect([again.status, again.body]).toEqual([409, first.body]);
  });

  it('refuses a key reused with another body, and applies nothing', async () => {
    await call(h, { path: '/v1/earn', body: earnBody(1_000), key: 'k-1' });
    const reused = await call(h, { path: '/v1/earn', body: earnBody(2_000), key: 'k-1' });
    expect(reused.status).toBe(422);
    expect(reused.body).toEqual({ error: 'KEY_REUSED', message: expect.stringContaining('k-1') });
    const otherPath = await call(h, { path: '/v1/refunds', body: earnBody(1_000), key: 'k-1' });
    expect(otherPath.body.error).toBe('KEY_REUSED');
    expect(h.sim.counts().earn).toBe(1);
    expect(balance()).toBe(1210);
  });
});

describe('faults', () => {
  it('delays the answer of an applied operation; the retry after a timeout is not applied again', async () => {
    h.sim.setFaults({ delayMs: 400, times: 1 });
    const started = Date.now();
    await expect(call(h, { path: '/v1/earn', body: earnBody(1_000), key: 'slow', timeoutMs: 100 })).rejects.toThrow(/abort|timeout/i);
    expect(Date.now() - started).toBeLessThan(400);
    const retry = await call(h, { path: '/v1/earn', body: earnBody(1_000), key: 'slow' });
    expect(retry.body).toEqual({ sale: 'T1-000042', points: 10, balance: 1210 });
    expect(h.sim.counts().earn).toBe(1);
    h.sim.setFaults({ delayMs: 300, times: 1 });
    const t = Date.now();
    expect((await call(h, { path: `/v1/members/${THANDI.account}` })).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(290);
  });

  it('answers 500 UNAVAILABLE without applying, then recovers', async () => {
    h.sim.setFaults({ status: 500, times: 1 });
    const r = await call(h, { path: '/v1/earn', body: earnBody(1_000), key: 'e' });
    expect(r.status).toBe(500);
    expect(r.body).toEqual({ error: 'UNAVAILABLE', message: expect.any(String) });
    expect(h.sim.counts().earn).toBe(0);
    expect((await call(h, { path: '/v1/earn', body: earnBody(1_000), key: 'e' })).status).toBe(200);
    expect(h.sim.counts().earn).toBe(1);
  });

  it('drops the connection without an answer', async () => {
    h.sim.setFaults({ drop: true, times: 1 });
    await expect(call(h, { path: '/v1/earn', body: earnBody(1_000), key: 'd' })).rejects.toThrow(/closed|socket|reset/i);
    expect(h.sim.counts().earn).toBe(0);
    expect((await call(h, { path: '/v1/earn', body: earnBody(1_000), key: 'd' })).status).toBe(200);
  });

  it('answers 401 BAD_SIGNATURE to a correctly signed request', async () => {
    h.sim.setFaults({ badSignature: true, times: 1 });
    const r = await call(h, { path: `/v1/members/${THANDI.account}` });
    expect([r.status, r.body.error]).toEqual([401, 'BAD_SIGNATURE']);
    expect((await call(h, { path: `/v1/members/${THANDI.account}` })).status).toBe(200);
  });

  it('lasts `times` requests, or until cleared without it', async () => {
    const lookup = async () => (await call(h, { path: `/v1/members/${THANDI.account}` })).status;
    h.sim.setFaults({ status: 503, times: 2 });
    expect([await lookup(), await lookup(), await lookup()]).toEqual([503, 503, 200]);
    h.sim.setFaults({ status: 502 });
    expect([await lookup(), await lookup(), await lookup()]).toEqual([502, 502, 502]);
    h.sim.setFaults({ status: 502, times: 0 });
    expect(await lookup()).toBe(200);
    expect(() => h.sim.setFaults({ status: 404 })).toThrow(RangeError);
  });

  it('takes faults over POST /sim/faults and reports counts over GET /sim/counts', async () => {
    const set = await simCall(h, 'POST', '/sim/faults', { status: 500, times: 1 });
    expect(set).toMatchObject({ status: 200, body: { status: 500, times: 1 } });
    expect((await simCall(h, 'POST', '/sim/faults', { status: 'broken' })).status).toBe(400);
    expect((await call(h, { path: '/v1/earn', body: earnBody(1_000), key: 'x' })).status).toBe(500);
    expect((await call(h, { path: '/v1/earn', body: earnBody(1_000), key: 'x' })).status).toBe(200);
    expect((await call(h, { path: '/v1/earn', body: earnBody(1_000), key: 'x' })).status).toBe(200);
    expect(await simCall(h, 'GET', '/sim/counts')).toMatchObject({ status: 200, body: { ...ZERO_COUNTS, earn: 1 } });
  });
});

describe('TLS', () => {
  it('is verified against the simulator CA, for 127.0.0.1 and localhost, from TLS 1.2', async () => {
    expect(await readFile(h.sim.caFile, 'utf8')).toBe(h.sim.caPem);
    expect(h.sim.url).toBe(`https://127.0.0.1:${h.sim.port}`);
    for (const [url, connect] of [
      [h.sim.url, { ca: h.sim.caPem }],
      [`https://localhost:${h.sim.port}`, { ca: h.sim.caPem }],
      [h.sim.url, { ca: h.sim.caPem, maxVersion: 'TLSv1.2' as const }],
    ] as const) {
      const agent = new Agent({ connect });
      const res = await request(`${url}/sim/counts`, { dispatcher: agent });
      await res.body.text();
      expect(res.statusCode).toBe(200);
      await agent.close();
    }
  });

  it('is refused by a client that does not trust the CA, or that offers only TLS 1.1', async () => {
    for (const connect of [{}, { ca: h.sim.caPem, maxVersion: 'TLSv1.1' as const }]) {
      const agent = new Agent({ connect });
      await expect(request(`${h.sim.url}/sim/counts`, { dispatcher: agent })).rejects.toMatchObject({
        code: expect.stringMatching(/CERT|VERIFY|SIGNATURE|SSL|TLS|PROTOCOL/),
      });
      await agent.close();
    }
    expect((await call(h, { path: `/v1/members/${THANDI.account}` })).status).toBe(200);
  });

  it('removes the CA file on close', async () => {
    await h.sim.close();
    expect(existsSync(h.sim.caFile)).toBe(false);
  });
});

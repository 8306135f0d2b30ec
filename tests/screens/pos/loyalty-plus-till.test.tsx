// The till's Loyalty Plus keys over REAL services: the simulator over real HTTPS, the provider,
// outbox and till flows as a till process starts them (startLoyaltyPlus), and the real till
// session on a temp store. F7 attach (online, unknown, offline, Esc), F8 balance, F12 enrol, the
// Loyalty Plus tender, and the provider state beside the till number.
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../src/screens/app-context.js';
import { PosScreen } from '../../../src/screens/pos/pos-screen.js';
import { LP_NOT_PROVIDER } from '../../../src/screens/pos/pos-context.js';
import { tenderHotKeys } from '../../../src/screens/pos/tender-state.js';
import { lpFixture, MEMBER, until, type Fixture, type Running } from '../../loyaltyplus/lp-till-fixture.js';
import { ENTER, ESC, F2, F7, F8, F12, TAB } from '../keys.js';
import { render, type Rendered } from '../render.js';
import { openTill, renderPos, type TillFixture } from './till-fixture.js';

let view: Rendered | undefined;
let fx: Fixture | undefined;
let run: Running | undefined;
let plain: TillFixture | undefined;

afterEach(async () => {
  view?.unmount();
  view = undefined;
  if (fx && run) await fx.stop(run);
  await fx?.close();
  fx = undefined;
  run = undefined;
  plain?.close();
  plain = undefined;
});

async function open(o: { timeoutSeconds?: number } = {}): Promise<{ f: Fixture; r: Running; v: Rendered }> {
  fx = await lpFixture(o);
  run = fx.start();
  const services: AppServices = { store: fx.store, till: run.till, tillId: 'T1', operator: 'ann', loyaltyPlus: run.lp };
  view = await render(createElement(PosScreen), { services });
  await view.waitFor('ENTRY');
  return { f: fx, r: run, v: view };
}

async function attach(v: Rendered, number: string): Promise<void> {
  await v.write(F7);
  await v.waitFor('Card or account number:');
  await v.write(`${number}${ENTER}`);
}

describe('Loyalty Plus at the till (simulator over HTTPS)', () => {
  it('F7 attaches a member: name and points on the sale screen, provider online beside the till', async () => {
    const { r, v } = await open();
    await v.waitFor('LP online | Till T1');
    await attach(v, MEMBER.card);
    const f = await v.waitFor('Loyalty Plus: Thandi Mokoena · 5,000 points');
    expect(f).toContain('ENTRY');
    expect(r.till.getState().sale?.member).toMatchObject({ account: MEMBER.account, name: MEMBER.name, points: 5000 });
    // With a member attached F7 offers to detach: Enter on an empty number.
    await v.write(F7);
    await v.waitFor('Enter on an empty number detaches');
    await v.write(ENTER);
    await v.waitFor((x) => x.includes('member detached') && !x.includes('Loyalty Plus: Thandi'));
    expect(r.till.getState().sale?.member).toBeUndefined();
  });

  it('an unknown number is an error at the prompt and nothing is attached', async () => {
    const { r, v } = await open();
    await attach(v, '12345678');
    const f = await v.waitFor('no member with that card or account number');
    expect(f).toContain('Card or account number: 12345678');
    expect(r.till.getState().sale?.member).toBeUndefined();
  });

  it('a dropped connection keeps the card offline, points pending; a sale then waits in the outbox', async () => {
    const { f, r, v } = await open({ timeoutSeconds: 1 });
    f.sim.setFaults({ drop: true });
    await attach(v, MEMBER.card);
    await v.waitFor('Loyalty Plus: card ****0001 · offline, points pending', 8000);
    expect(r.till.getState().sale?.member).toEqual({ number: MEMBER.card });
    await v.waitFor('LP offline | Till T1');
    await v.write(`BREAD${ENTER}`);
    await v.waitFor('Total R15.00');
    await v.write(`${F2}C${ENTER}`);
    await v.waitFor('Sale T1-');
    await v.waitFor('LP offline · 1 waiting | Till T1');
  });

  it('the service closed: the card is kept offline just the same', async () => {
    const { f, r, v } = await open({ timeoutSeconds: 1 });
    await f.sim.close();
    await attach(v, MEMBER.card);
    await v.waitFor('offline, points pending', 8000);
    expect(r.till.getState().sale?.member?.account).toBeUndefined();
  });

  it('Esc during a slow lookup stops waiting: Cancelled, nothing attached', async () => {
    const { f, r, v } = await open({ timeoutSeconds: 6 });
    f.sim.setFaults({ delayMs: 3000, times: 1 });
    await attach(v, MEMBER.card);
    await v.waitFor('Looking up member… (Esc cancels)');
    // Typed while waiting: held, and dropped with the call Esc stops.
    await v.write('9');
    await v.write(ESC);
    const done = await v.waitFor('Cancelled', 2000);
    expect(done).not.toContain('Looking up member');
    expect(r.till.getState().sale?.member).toBeUndefined();
    // The prompt is still there, the number kept for another try.
    expect(done).toContain(`Card or account number: ${MEMBER.card}`);
  });

  it('F8 shows the attached member’s points; with none attached it asks for the number first', async () => {
    const { v } = await open();
    await v.write(F8);
    await v.waitFor('Balance enquiry: no member is attached');
    await v.write(`${MEMBER.account}${ENTER}`);
    await v.waitFor('Thandi Mokoena (account 4000001): 5,000 points, worth R50.00');
    await attach(v, MEMBER.card);
    await v.waitFor('Loyalty Plus: Thandi Mokoena');
    await v.write(F8);
    await v.waitFor((x) => x.includes('5,000 points, worth') && x.includes('ENTRY'));
  });

  it('F8 offline says the balance is unavailable and the card stays attached', async () => {
    const { f, v } = await open({ timeoutSeconds: 1 });
    await attach(v, MEMBER.card);
    await v.waitFor('Loyalty Plus: Thandi Mokoena');
    f.sim.setFaults({ drop: true });
    await v.write(F8);
    await v.waitFor('Loyalty Plus is offline: balance unavailable; the card stays attached', 8000);
  });

  it('F12 enrol: a bad cellphone is shown at its field and nothing is sent; a good one attaches the member', async () => {
    const { f, r, v } = await open();
    await v.write(F12);
    await v.waitFor('[E] Enrol member');
    await v.write('e');
    await v.waitFor('Enrol a Loyalty Plus member');
    await v.write(`Jane Doe${TAB}0821${TAB}6009000000099${ENTER}`);
    await v.waitFor('Cellphone: 10 to 15 digits');
    expect(f.sim.counts().enrol).toBe(0);
    // The cursor is on the cellphone: complete it, Enter moves on, Enter on the card enrols.
    await v.write(`234567${ENTER}${ENTER}`);
    const done = await v.waitFor('Enrolled Jane Doe, account');
    expect(done).toContain('Loyalty Plus: Jane Doe · 0 points');
    expect(f.sim.counts().enrol).toBe(1);
    expect(r.till.getState().sale?.member).toMatchObject({ number: '6009000000099', name: 'Jane Doe' });
  });

  it('the Loyalty Plus tender completes the sale and the member’s points go down by the amount', async () => {
    const { f, r, v } = await open();
    await attach(v, MEMBER.card);
    await v.waitFor('Loyalty Plus: Thandi Mokoena');
    await v.write(`BREAD${ENTER}`);
    await v.waitFor('Total R15.00');
    const letter = tenderHotKeys(r.till.tenders())[r.till.tenders().findIndex((t) => t.useLoyaltyPlus)]!;
    await v.write(F2);
    await v.waitFor('Choose a tender');
    await v.write(`${letter}${ENTER}`);
    await v.waitFor('Sale T1-');
    expect(f.sim.counts().authorise).toBe(1);
    // 1500 cents redeemed at a cent a point, then the sale's earn (a point per 100 cents) lands.
    await until(() => f.sim.counts().earn === 1, 5000, 'the earn');
    expect(f.points()).toBe(5000 - 1500 + 15);
  });

  it('keys typed while the tender is authorised start nothing until the answer; Esc cancels it', async () => {
    const { f, r, v } = await open();
    await attach(v, MEMBER.card);
    await v.waitFor('Loyalty Plus: Thandi Mokoena');
    await v.write(`BREAD${ENTER}`);
    await v.waitFor('Total R15.00');
    const letter = tenderHotKeys(r.till.tenders())[r.till.tenders().findIndex((t) => t.useLoyaltyPlus)]!;
    f.sim.setFaults({ delayMs: 1500, times: 1 });
    await v.write(`${F2}${letter}${ENTER}`);
    await v.waitFor('Authorising Loyalty Plus… (Esc cancels)');
    await v.write(`${F12}x`);
    await new Promise((res) => setTimeout(res, 200));
    expect(v.frame()).not.toContain('Loyalty Functions');
    expect(v.frame()).toContain('Point of Sale › Tender');
    await v.write(ESC);
    await v.waitFor('Cancelled: Loyalty Plus not taken');
    expect(r.till.getState().sale?.tenders).toEqual([]);
    expect(v.frame()).not.toContain('Loyalty Functions');
  });

  it('the Loyalty Plus tender offline is refused in the status line; the sale stays open', async () => {
    const { f, r, v } = await open({ timeoutSeconds: 1 });
    await attach(v, MEMBER.card);
    await v.waitFor('Loyalty Plus: Thandi Mokoena');
    f.sim.setFaults({ drop: true });
    await v.write(F8);
    await v.waitFor('balance unavailable', 8000);
    await v.waitFor('LP offline');
    await v.write(`BREAD${ENTER}`);
    await v.waitFor('Total R15.00');
    const letter = tenderHotKeys(r.till.tenders())[r.till.tenders().findIndex((t) => t.useLoyaltyPlus)]!;
    await v.write(`${F2}${letter}${ENTER}`);
    await v.waitFor('Redemption needs Loyalty Plus online');
    expect(r.till.getState().sale?.tenders).toEqual([]);
  });
});

describe('Loyalty Plus keys on a till with another provider', () => {
  it('F7, F8 and F12 are refused with the reason and where to change it', async () => {
    plain = await openTill();
    view = await renderPos(plain);
    for (const key of [F7, F8, F12]) {
      await view.write(key);
      await view.waitFor(LP_NOT_PROVIDER.slice(0, 60));
      await view.write(ESC);
    }
    expect(view.frame()).not.toContain('LP online');
  });
});

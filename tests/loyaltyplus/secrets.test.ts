// The two secret halves never leave settings.json: after a session with every kind of failure
// (bad signature, 500s, dropped connections, timeouts, unknown accounts, refusals), no file of the
// store but settings.json, no warning, no error message or stack, and no command's output holds
// either half, or the key they make together.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { cli } from '../cli/run-cli.js';
import { lpFixture, MEMBER, SECRETS, until, type Fixture } from './lp-till-fixture.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

it('no secret appears in logs, slips, journals, outbox files, exports, errors or warnings', async () => {
  fx = await lpFixture({ timeoutSeconds: 1 });
  const f = fx;
  const r = f.start();
  const errors: unknown[] = [];
  const attempt = async (fn: () => Promise<unknown>) => { await fn().catch((e: unknown) => errors.push(e)); };
  await attempt(() => r.flows.attach('nobody'));
  f.sim.setFaults({ badSignature: true, times: 1 });
  await attempt(() => r.flows.attach(MEMBER.card));
  await r.flows.attach(MEMBER.card);
  r.till.scan('BREAD');
  await attempt(() => r.flows.tender('LP', 999_999));
  f.sim.setFaults({ status: 500, times: 2 });
  r.till.addTender('CASH');
  await r.flows.settling;
  f.sim.setFaults({ delayMs: 1500, times: 1 });
  await attempt(() => r.flows.balance(MEMBER.card));
  await until(() => r.lp.provider.state() === 'online' || r.lp.provider.state() === 'offline');
  f.sim.setFaults({ drop: true, times: 3 });
  await r.flows.attach(MEMBER.card).catch(() => undefined);
  r.till.scan('MILK');
  const sale = r.till.addTender('CASH')!;
  r.till.refund(sale.saleNumber, 'all');
  await f.stop(r);
  expect(errors.length).toBeGreaterThanOrEqual(3);

  const exported = ['sales', 'export items', 'export debtors', 'loyalty D1'].map((c) => cli([...c.split(' '), '--data', f.dir]));
  const seen = [
    ...files(f.dir).filter((p) => !/settings\.json(\.bak)?$/.test(p)).map((p) => `${p}\n${fs.readFileSync(p, 'latin1')}`),
    ...f.warnings,
    ...errors.map((e) => (e instanceof Error ? `${e.message}\n${e.stack}\n${JSON.stringify(e)}` : String(e))),
    ...exported.map((x) => x.stdout + x.stderr),
  ];
  // The run did write what is searched: slips, journals, the outbox's acks.
  expect(seen.some((t) => t.includes('Points balance') || t.includes('Loyalty pending'))).toBe(true);
  expect(seen.some((t) => t.includes('lp-outbox'))).toBe(true);
  for (const secret of [SECRETS.secretStart, SECRETS.secretEnd, SECRETS.secretStart + SECRETS.secretEnd]) {
    const hit = seen.find((t) => t.includes(secret));
    expect(hit?.slice(0, 200), `a secret half was found`).toBeUndefined();
  }
});

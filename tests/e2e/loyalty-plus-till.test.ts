// Loyalty Plus at the real till in a real terminal (tmux), against the simulator's own bundle over
// real HTTPS on loopback: a member attached with F7 earns on a cash sale and the slip prints the
// points; with the simulator stopped the card is kept offline and the sale completes at once,
// the status line counts what waits, and when the simulator is back on the same port the outbox
// delivers it: each earn applied exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../cli/run-cli.js';
import { startTmux, type TmuxSession } from './tmux.js';

const SIM = path.resolve('dist', 'simulator.js');
const ENV = { LP_SECRET_START: 'e2e-start-', LP_SECRET_END: 'e2e-end', LP_PARTNER: 'E2E', LP_TERMINAL: 'T1', LP_API: 'E2E-API' };

let session: TmuxSession | null = null;
let sims: ChildProcess[] = [];
afterEach(() => {
  session?.kill();
  session = null;
  for (const s of sims.splice(0)) s.kill('SIGKILL');
});

async function simulator(tls: string, port = 0): Promise<{ url: string; caFile: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [SIM], { env: { ...process.env, ...ENV, LP_PORT: String(port), LP_TLS_FILE: tls }, stdio: ['ignore', 'pipe', 'pipe'] });
  sims.push(child);
  const line = (s: NodeJS.ReadableStream) => new Promise<string>((resolve) => readline.createInterface({ input: s }).once('line', resolve));
  const [url, caFile] = await Promise.all([line(child.stdout!), line(child.stderr!)]);
  return { url, caFile, child };
}

function counts(url: string, caFile: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    https.get(`${url}/sim/counts`, { ca: fs.readFileSync(caFile) }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });
}

describe('Loyalty Plus at the till (tmux, bundles)', () => {
  it('earns with the points on the slip; offline the sale does not wait; back online each earn goes once', async () => {
    const base = tempDir();
    const tls = path.join(base, 'sim-tls.json');
    const sim = await simulator(tls);
    const dir = path.join(base, 'store');
    expect(cli(['init', '--demo', '--data', dir]).code).toBe(0);
    const file = path.join(dir, 'settings.json');
    const settings = JSON.parse(fs.readFileSync(file, 'utf8'));
    const u = new URL(sim.url);
    settings.defaults2.loyaltyProvider = 'loyalty-plus';
    settings.loyaltyPlus = {
      enabled: true, url: `https://${u.hostname}`, port: Number(u.port), secretStart: ENV.LP_SECRET_START, secretEnd: ENV.LP_SECRET_END,
      partnerId: ENV.LP_PARTNER, terminalId: ENV.LP_TERMINAL, apiId: ENV.LP_API, timeoutSeconds: 2, tls: 'TLSv1.2', caFile: sim.caFile, testResults: [],
    };
    fs.writeFileSync(file, JSON.stringify(settings, null, 2));
    // The CA file is the simulator's; keep a copy, since a stopped simulator removes its own.
    const ca = path.join(dir, '..', 'sim-ca.pem');
    fs.copyFileSync(sim.caFile, ca);
    settings.loyaltyPlus.caFile = ca;
    fs.writeFileSync(file, JSON.stringify(settings, null, 2));

    session = startTmux({ args: ['--data', dir, '--till', 'T1'] });
    await session.waitFor('LP online');
    session.keys('F7');
    await session.waitFor('Loyalty Member');
    session.type('6009000000001\r');
    await session.waitFor('Loyalty Plus: Thandi Mokoena');
    session.type('6001000000018\r');
    await session.waitFor('Fresh full cream milk 2L');
    session.keys('F2');
    await session.waitFor(/CASH/);
    session.type('C');
    session.type('50\r');
    await session.waitFor('Sale T1-000001 complete');
    const slip = () => fs.readFileSync(path.join(dir, 'slips', fs.readdirSync(path.join(dir, 'slips'))[0]!, 'T1-000001-40.txt'), 'utf8');
    for (let i = 0; i < 100 && !/Points balance/.test(slip()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(slip()).toMatch(/Points earned\s+32\n/);
    expect(slip()).toMatch(/Points balance\s+1232\n/);
    // The screen's slip scrolls to its end: the same lines are drawn there.
    session.keys('PgDn');
    await session.waitFor(/Points balance\s+1232/);

    // The simulator stops: the card is kept, the sale completes, one earn waits.
    sim.child.kill('SIGTERM');
    await new Promise((r) => sim.child.once('exit', r));
    session.keys('Enter');
    session.keys('F7');
    await session.waitFor('Loyalty Member');
    session.type('6009000000001\r');
    await session.waitFor('offline, points pending', 10_000);
    session.type('6001000000018\r');
    await session.waitFor('Fresh full cream milk 2L');
    session.keys('F2');
    await session.waitFor(/CASH/);
    session.type('C');
    session.type('50\r');
    await session.waitFor('Sale T1-000002 complete');
    await session.waitFor('LP offline · 1 waiting');
    session.keys('PgDn');
    await session.waitFor('Loyalty pending');

    // Back on the same port with the same certificate: the probe finds it, the outbox delivers.
    const again = await simulator(tls, Number(u.port));
    await session.waitFor(/LP online \| Till/, 60_000);
    expect(await counts(again.url, again.caFile)).toMatchObject({ earn: 1 });
  }, 120_000);
});

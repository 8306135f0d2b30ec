// The Loyalty Plus figures of `npm run bench` (issue 4): Enter-to-slip of a sale for a member,
// measured through the bundle (`tillpoint bench slip`) against the simulator bundle over real
// HTTPS on loopback: with no provider (the baseline), with the provider answering in 50 ms, and
// with it down (it hangs past its 6 s timeout): the first sale of the outage, the tenth, and the
// median of all after the first (one sale is one sample, so the median says more than the tenth).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import readline from 'node:readline';

const SECRETS = { LP_SECRET_START: 'bench-start-', LP_SECRET_END: 'bench-end', LP_PARTNER: 'BENCH', LP_TERMINAL: 'T1', LP_API: 'BENCH-API' };
const CARD = '6009000000001';

async function startSimulator(root) {
  const child = spawn(process.execPath, [path.join(root, 'dist', 'simulator.js')], { env: { ...process.env, ...SECRETS }, stdio: ['ignore', 'pipe', 'pipe'] });
  const first = (stream) => new Promise((resolve, reject) => {
    readline.createInterface({ input: stream }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the simulator exited (${code})`)));
  });
  const [url, caFile] = await Promise.all([first(child.stdout), first(child.stderr)]);
  return { url, caFile, stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) };
}

function faults(sim, body) {
  return new Promise((resolve, reject) => {
    const req = https.request(`${sim.url}/sim/faults`, { method: 'POST', ca: fs.readFileSync(sim.caFile), headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

function lpStore({ scratch, tillpoint }, name, sim) {
  const dir = path.join(scratch, name);
  tillpoint(['--data', dir, 'init', '--demo']);
  if (!sim) return dir;
  const file = path.join(dir, 'settings.json');
  const settings = JSON.parse(fs.readFileSync(file, 'utf8'));
  const u = new URL(sim.url);
  settings.defaults2.loyaltyProvider = 'loyalty-plus';
  settings.loyaltyPlus = {
    enabled: true, url: `https://${u.hostname}`, port: Number(u.port), secretStart: SECRETS.LP_SECRET_START, secretEnd: SECRETS.LP_SECRET_END,
    partnerId: SECRETS.LP_PARTNER, terminalId: SECRETS.LP_TERMINAL, apiId: SECRETS.LP_API, timeoutSeconds: 6, tls: 'TLSv1.2', caFile: sim.caFile, testResults: [],
  };
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
  return dir;
}

export async function loyaltyPlusBench(ctx) {
  const { root, tillpoint, log, row, ms, median, pct } = ctx;
  const slip = (dir, args) => JSON.parse(tillpoint(['--data', dir, '--till', 'T1', 'bench', 'slip', ...args]));
  log('Loyalty Plus: Enter-to-slip with no provider, with it answering in 50 ms, and with it down');
  const none = slip(lpStore(ctx, 'lp-none', null), ['--samples', '40']);
  const sim = await startSimulator(root);
  try {
    await faults(sim, { delayMs: 50, times: 1_000_000 });
    const up = slip(lpStore(ctx, 'lp-up', sim), ['--samples', '40', '--member', CARD]);
    await faults(sim, { times: 0 });
    const down = slip(lpStore(ctx, 'lp-down', sim), ['--samples', '12', '--member', CARD, '--outage']);
    const base = median(none.final);
    const added = median(up.final) - base;
    log(`provider answering in 50 ms, each sale: ${up.final.map((x) => x.toFixed(0)).join(' ')} ms`);
    const added90 = pct(up.final, 90) - pct(none.final, 90);
    row('Enter-to-slip, provider answering in 50 ms (slip with points): p50 / p90 / max', `${ms(median(up.final))} / ${ms(pct(up.final, 90))} / ${ms(Math.max(...up.final))}; on screen p50 ${ms(median(up.onScreen))}`,
      `no provider: ${ms(base)} / ${ms(pct(none.final, 90))} / ${ms(Math.max(...none.final))}`, '< 100 ms added (p50 and p90)', added < 100 && added90 < 100 && up.pending === 0);
    row('Enter-to-slip, provider down: first sale of the outage (slip on screen / final)', `${ms(down.onScreen[0])} / ${ms(down.final[0])}`,
      `no provider: ${ms(base)}`, 'waits at most its timeout (6 s)', down.final[0] <= 6_500);
    const tenth = down.final[9];
    log(`no provider, each sale: ${none.final.slice(0, 12).map((x) => x.toFixed(1)).join(' ')} ms`);
    log(`provider down, each sale: on screen ${down.onScreen.map((x) => x.toFixed(1)).join(' ')} ms; final ${down.final.map((x) => x.toFixed(1)).join(' ')} ms`);
    const later = median(down.final.slice(1));
    row('Enter-to-slip, provider down: tenth sale of the outage (slip on screen / final); p50 of the 2nd-12th', `${ms(down.onScreen[9])} / ${ms(tenth)}; p50 ${ms(later)}`,
      `no provider: p50 ${ms(base)}, tenth ${ms(none.final[9])}`, 'nothing added after the first', later - base < 2 && down.pending === 12);
    return { none, up, down };
  } finally {
    await sim.stop();
  }
}

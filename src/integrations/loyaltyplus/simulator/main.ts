// `npm run simulator`: the Loyalty Plus simulator with demo members, for trying the till's setup
// screen and the outbox by hand. stdout gets exactly one line, the URL, so a script can read it;
// the CA file (setup's CA file) goes to stderr. The secrets are never printed.
import fs from 'node:fs';
import type { Member } from '../types.js';
import { makeCertificates, type SimulatorCertificates } from './certs.js';
import { startSimulator } from './server.js';

const DEMO_MEMBERS: Member[] = [
  { account: '4000001', card: '6009000000001', name: 'Thandi Mokoena', points: 1200, pointsValue: 1200 },
  { account: '4000002', card: '6009000000002', name: 'Johan van der Merwe', points: 350, pointsValue: 350 },
  { account: '4000003', card: '6009000000003', name: 'Ayesha Patel', points: 0, pointsValue: 0 },
];

function port(text: string | undefined): number {
  if (text === undefined || text === '') return 0;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    process.stderr.write(`LP_PORT must be a port number from 0 to 65535 (0 takes a free port), not ${JSON.stringify(text)}\n`);
    process.exit(2);
  }
  return n;
}

/** LP_TLS_FILE: keeps the certificates there and reuses them, so a restart keeps the same CA. */
async function certificates(file: string | undefined): Promise<SimulatorCertificates | undefined> {
  if (!file) return undefined;
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as SimulatorCertificates;
  const made = await makeCertificates();
  fs.writeFileSync(file, JSON.stringify(made), { mode: 0o600 });
  return made;
}

const env = process.env;
const certs = await certificates(env.LP_TLS_FILE);
const sim = await startSimulator({
  ...(certs ? { certificates: certs } : {}),
  port: port(env.LP_PORT),
  partnerId: env.LP_PARTNER || 'DEMO-PARTNER',
  terminalId: env.LP_TERMINAL || 'T1',
  apiId: env.LP_API || 'DEMO-API',
  secretStart: env.LP_SECRET_START || 'demo-secret-start-',
  secretEnd: env.LP_SECRET_END || 'demo-secret-end',
  members: DEMO_MEMBERS,
}).catch((e: unknown) => {
  process.stderr.write(`the Loyalty Plus simulator could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
process.stdout.write(`${sim.url}\n`);
process.stderr.write(`${sim.caFile}\n`);

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  // close() also removes the CA file, so a stopped simulator leaves nothing in the temp folder.
  sim.close().then(() => process.exit(0), () => process.exit(1));
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

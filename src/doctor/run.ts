// Runs every check in turn against one store folder, read-only: no store is opened (opening takes
// the store lock, repairs damaged documents from .bak and tidies temp files), no lock is taken.
import fs from 'node:fs';
import path from 'node:path';
import { errorText } from '../store/errors.js';
import { clockCheck } from './check-clock.js';
import { documentsCheck } from './check-documents.js';
import { folderCheck } from './check-folder.js';
import { journalsCheck } from './check-journals.js';
import { locksCheck } from './check-locks.js';
import { outboxCheck } from './check-outbox.js';
import { operatorsCheck } from './check-operators.js';
import { schedulerCheck } from './check-scheduler.js';
import { sftpCheck } from './check-sftp.js';
import { spaceCheck } from './check-space.js';
import { webServiceCheck } from './check-web-service.js';
import { documentReader } from './documents-read.js';
import { scrub, storeSecrets } from './secrets.js';
import type { CheckResult, DoctorCheck, DoctorContext } from './types.js';

export interface DoctorReport {
  checks: CheckResult[];
  /** False when any check failed (warnings keep it true): `tillpoint doctor` exits 1 then. */
  ok: boolean;
}

export interface DoctorOptions {
  dir: string;
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
  /** Called as each check finishes (the screen lists them as they come). */
  onResult?: (result: CheckResult, index: number, total: number) => void;
  /** Default: every check, in the order below. */
  checks?: readonly DoctorCheck[];
}

/** Local first (fast, and what the others stand on), then the network. */
export const DOCTOR_CHECKS: readonly DoctorCheck[] = [
  folderCheck, spaceCheck(), locksCheck, journalsCheck, clockCheck, documentsCheck,
  webServiceCheck, sftpCheck, schedulerCheck, outboxCheck, operatorsCheck,
];

const yieldNow = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function isStore(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'settings.json')) || fs.existsSync(path.join(dir, 'settings.json.bak'));
}

export async function runDoctor(o: DoctorOptions): Promise<DoctorReport> {
  const dir = path.resolve(o.dir);
  if (!isStore(dir)) {
    const exists = fs.existsSync(dir);
    const r: CheckResult = {
      id: 'store', title: 'Store folder', status: 'fail',
      detail: exists ? `${dir} is not a tillpoint store (it has no settings.json)` : `${dir} does not exist`,
      fix: 'point doctor at the store folder with --data DIR (or TILLPOINT_DATA); nothing else was checked',
    };
    o.onResult?.(r, 0, 1);
    return { checks: [r], ok: false };
  }
  const ctx: DoctorContext = { dir, now: o.now ?? (() => new Date()), env: o.env ?? process.env, documents: documentReader(dir), yieldNow };
  const secrets = storeSecrets(dir);
  const checks = o.checks ?? DOCTOR_CHECKS;
  const results: CheckResult[] = [];
  for (const [i, c] of checks.entries()) {
    let r: CheckResult;
    try {
      r = { id: c.id, title: c.title, ...(await c.run(ctx)) };
    } catch (err) {
      r = { id: c.id, title: c.title, status: 'fail', detail: `the check itself failed: ${errorText(err)}`, fix: 'report this to support with the detail above' };
    }
    r = scrub(r, secrets);
    results.push(r);
    o.onResult?.(r, i, checks.length);
    await yieldNow();
  }
  return { checks: results, ok: results.every((r) => r.status !== 'fail') };
}

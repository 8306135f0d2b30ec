// A till with operators, the real operator session and the real screens (Point of Sale on top of
// the Main Menu, as a till process starts), for the operator-session screen tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppServices } from '../../src/screens/app-context.js';
import { startScreens } from '../../src/screens/menu/main-menu.js';
import { screenRegistry } from '../../src/screens/menu/screen-registry.js';
import { readAudit } from '../../src/store/audit/audit-log.js';
import type { AuditEntry } from '../../src/store/audit/types.js';
import { openStore, type Store } from '../../src/store/index.js';
import type { JournalRecord } from '../../src/store/journal-format.js';
import { saveOperator } from '../../src/store/operators/operators.js';
import { createOperatorSession, type OperatorSession } from '../../src/store/operators/session.js';
import { TillService } from '../../src/store/till-service.js';
import { render, type Rendered } from '../screens/render.js';

export const PINS = { M1: '9876', S1: '5555', C1: '2468' } as const;

export interface SessionFixture {
  dir: string;
  store: Store;
  till: TillService;
  session: OperatorSession;
  services: AppServices;
  /** The till's journal records, oldest first, read from the file. */
  journal(): JournalRecord[];
  audit(): AuditEntry[];
  close(): void;
}

export async function openSessionTill(opts: { operators?: boolean; idleLockMinutes?: number } = {}): Promise<SessionFixture> {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ops-session-')), 'store');
  const store = await openStore(dir, { log: () => {}, stderr: false });
  await store.edit('items', (d) => {
    d.items.push({ code: 'MILK', barcode: '6001000000011', description: 'Full Cream Milk 1L', price: 1899, taxRate: 1500 });
  });
  await store.edit('settings', (d) => {
    d.company.timeZone = 'UTC';
  });
  if (opts.operators !== false) {
    await saveOperator(store, { code: 'M1', name: 'Mandla', role: 'manager', pin: PINS.M1, active: true }, 'add');
    await saveOperator(store, { code: 'S1', name: 'Sipho', role: 'supervisor', pin: PINS.S1, active: true }, 'add');
    await saveOperator(store, { code: 'C1', name: 'Carol', role: 'cashier', pin: PINS.C1, active: true }, 'add');
  }
  if (opts.idleLockMinutes !== undefined) {
    const minutes = opts.idleLockMinutes;
    await store.edit('operators', (d) => {
      d.idleLockMinutes = minutes;
    });
  }
  const now = (): Date => new Date();
  const till = TillService.open(store, { till: 'T1', operator: 'system', now });
  const session = createOperatorSession(store, till, now);
  const services: AppServices = { store, till, tillId: 'T1', operator: 'system', session };
  return {
    dir, store, till, session, services,
    journal() {
      const file = path.join(dir, 'journals', 'T1.jsonl');
      if (!fs.existsSync(file)) return [];
      return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l.slice(9)) as JournalRecord);
    },
    audit: () => readAudit(dir).entries,
    close() {
      till.close();
      store.close();
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    },
  };
}

/** The till as a till process starts it: Point of Sale over the Main Menu, the login in front when needed. */
export async function renderTill(f: SessionFixture): Promise<Rendered> {
  return render(null, { services: f.services, stack: startScreens(screenRegistry, f.services) });
}

/** No frame ever showed any of the PINs (ANSI codes stripped, so a PIN split by colour codes counts too). */
export function noPinIn(view: Rendered): boolean {
  // eslint-disable-next-line no-control-regex
  const all = view.frames.map((fr) => fr.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '')).join('\n');
  return Object.values(PINS).every((pin) => !all.includes(pin));
}

// The built bundle in tmux: a store with operators (made through the store API) asks for an
// operator before the till, refuses a wrong PIN, takes the right one, and the sale's journal
// record carries the operator. The PIN typed shows only as stars.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { saveOperator } from '../../src/store/operators/operators.js';
import { cli, tempDir } from '../cli/run-cli.js';
import { startTmux, type TmuxSession } from '../e2e/tmux.js';

let session: TmuxSession | null = null;
afterEach(() => {
  session?.kill();
  session = null;
});

function journal(dir: string): any[] {
  const file = path.join(dir, 'journals', 'T1.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l.slice(9)));
}

describe('the real till with operators', () => {
  it('asks for the operator, refuses a wrong PIN, then sells as that operator', async () => {
    const dir = path.join(tempDir(), 'store');
    expect(cli(['--data', dir, 'init', '--demo']).code).toBe(0);
    const store = await openStore(dir, { log: () => {}, stderr: false });
    await saveOperator(store, { code: 'M1', name: 'Mandla', role: 'manager', pin: '9876', active: true }, 'add');
    await saveOperator(store, { code: 'C7', name: 'Carol', role: 'cashier', pin: '2468', active: true }, 'add');
    store.close();

    session = startTmux({ args: ['--data', dir, '--till', 'T1'], env: { TILLPOINT_NOW: '2026-06-15T10:00:00Z' } });
    let screen = await session.waitFor('Log in to till T1');
    expect(screen).toContain('Operator code');
    expect(screen).not.toContain('ENTRY');
    session.type('c7');
    session.keys('Enter');
    session.type('1357');
    screen = await session.waitFor(/PIN\s+\*{4}/);
    expect(screen).not.toContain('1357');
    session.keys('Enter');
    screen = await session.waitFor('Wrong PIN for C7');
    session.type('2468');
    session.keys('Enter');
    screen = await session.waitFor('ENTRY');
    expect(screen.split('\n')[0]).toContain('Till T1 | C7 Carol');

    session.type('6001000000018\r');
    await session.waitFor('Fresh full cream milk 2L');
    session.keys('F2');
    await session.waitFor(/CASH/);
    session.type('C');
    session.keys('Enter');
    await session.waitFor('T1-000001');
    const [sale] = journal(dir);
    expect(sale).toMatchObject({ kind: 'sale', operator: 'C7' });
    expect(sale.doc.operator).toBe('C7');

    // Quit (the sale is done, so no question), then the audit trail tells the story.
    session.keys('Enter');
    session.keys('C-c');
    const auditLines = (): string[] => fs.readdirSync(path.join(dir, 'audit')).sort()
      .flatMap((f) => fs.readFileSync(path.join(dir, 'audit', f), 'utf8').trim().split('\n'));
    // The logout line is written as the process quits.
    const deadline = Date.now() + 15_000;
    while (!auditLines().some((l) => l.includes('"logout"')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const audit = auditLines();
    const text = audit.join('\n');
    expect(text).not.toMatch(/1357|2468|9876/);
    const kinds = audit.map((l) => JSON.parse(l.slice(l.indexOf(' ') + 1))).filter((e) => e.kind !== 'setup').map((e) => [e.kind, e.operator]);
    expect(kinds).toEqual([['failed-pin', 'C7'], ['login', 'C7'], ['logout', 'C7']]);
  }, 60_000);
});

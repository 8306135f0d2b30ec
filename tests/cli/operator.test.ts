// `--operator CODE` with TILLPOINT_PIN on one-shot commands, and `tillpoint operator` (SPEC 7).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, snapshotDir, storeWithItems } from './run-cli.js';

const NOW = { TILLPOINT_NOW: '2026-12-01T10:00:00+02:00' };

function auditLines(dir: string): Record<string, unknown>[] {
  const folder = path.join(dir, 'audit');
  return fs.readdirSync(folder).flatMap((f) => fs.readFileSync(path.join(folder, f), 'utf8').trim().split('\n'))
    .map((l) => JSON.parse(l.slice(9)) as Record<string, unknown>);
}

function crew(): string {
  const dir = storeWithItems();
  expect(cli(['--data', dir, 'operator', 'add', 'm1', '--name', 'Mandla', '--role', 'manager'], { TILLPOINT_NEW_PIN: '9999' }).code).toBe(0);
  expect(cli(['--data', dir, 'operator', 'add', 's1', '--name', 'Sipho', '--role', 'supervisor'], { TILLPOINT_NEW_PIN: '5555' }).code).toBe(0);
  expect(cli(['--data', dir, 'operator', 'add', 'c1', '--name', 'Carol', '--role', 'cashier'], { TILLPOINT_NEW_PIN: '1111' }).code).toBe(0);
  return dir;
}

describe('tillpoint operator', () => {
  it('adds operators (the first a manager), lists them, and keeps no PIN in any file', () => {
    const dir = storeWithItems();
    const first = cli(['--data', dir, 'operator', 'add', 'c1', '--name', 'Carol', '--role', 'cashier'], { TILLPOINT_NEW_PIN: '1111' });
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/first operator must be a manager/);
    const noPin = cli(['--data', dir, 'operator', 'add', 'm1', '--name', 'Mandla', '--role', 'manager']);
    expect(noPin.code).toBe(2);
    expect(noPin.stderr).toMatch(/TILLPOINT_NEW_PIN/);
    const dir2 = crew();
    const list = cli(['--data', dir2, 'operator', 'list', '--json']).json();
    expect(list.map((o: any) => [o.code, o.role, o.active])).toEqual([['M1', 'manager', true], ['S1', 'supervisor', true], ['C1', 'cashier', true]]);
    for (const text of Object.values(snapshotDir(dir2))) expect(text).not.toMatch(/"(9999|5555|1111)"|=(9999|5555|1111)\b/);
    // One audit line per operator added, with the PIN hash only as "set".
    const added = auditLines(dir2).filter((e) => e.kind === 'setup');
    expect(added.map((e) => e.field)).toEqual(['operators[M1]', 'operators[S1]', 'operators[C1]']);
    expect(String(added[0]!.new)).toMatch(/^added: code=M1, name=Mandla, role=manager, active=true, pinHash=set$/);
  });

  it('acts as the --operator given: records carry it, a wrong PIN is refused and counted, five lock', () => {
    const dir = crew();
    const sale = cli(['--data', dir, '--operator', 'c1', 'sell', '--item', 'A1', '--tender', 'cash', '--json'], { ...NOW, TILLPOINT_PIN: '1111' });
    expect(sale.code).toBe(0);
    const record = JSON.parse(fs.readFileSync(path.join(dir, 'journals', 'T1.jsonl'), 'utf8').trim().split('\n')[0]!.slice(9));
    expect(record.operator).toBe('C1');
    const before = fs.readFileSync(path.join(dir, 'journals', 'T1.jsonl'), 'utf8');
    for (let i = 0; i < 5; i++) {
      const wrong = cli(['--data', dir, '--operator', 'c1', 'sell', '--item', 'A1', '--tender', 'cash'], { ...NOW, TILLPOINT_PIN: '0000' });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(i < 4 ? /Wrong PIN for C1/ : /locked for 15 minutes/);
    }
    const locked = cli(['--data', dir, '--operator', 'c1', 'sell', '--item', 'A1', '--tender', 'cash'], { ...NOW, TILLPOINT_PIN: '1111' });
    expect(locked.code).toBe(1);
    expect(locked.stderr).toMatch(/locked after 5 wrong PINs/);
    expect(fs.readFileSync(path.join(dir, 'journals', 'T1.jsonl'), 'utf8')).toBe(before);
    expect(cli(['--data', dir, 'operator', 'list', '--json'], NOW).json().find((o: any) => o.code === 'C1').lockedUntil).not.toBeNull();
    expect(cli(['--data', dir, '--operator', 'c1', 'operator', 'unlock', 'c1'], { TILLPOINT_PIN: '1111' }).code).toBe(1);
    expect(cli(['--data', dir, 'operator', 'unlock', 'c1']).code).toBe(0);
    expect(cli(['--data', dir, '--operator', 'c1', 'sales', '--json'], { TILLPOINT_PIN: '1111' }).code).toBe(0);
    const kinds = auditLines(dir).filter((e) => e.operator === 'C1').map((e) => e.kind);
    expect(kinds.filter((k) => k === 'failed-pin')).toHaveLength(5);
    expect(JSON.stringify(auditLines(dir))).not.toMatch(/0000|1111/);
  });

  it('refuses a cashier refund from the shell, allows a supervisor, and system without --operator', () => {
    const dir = crew();
    cli(['--data', dir, 'sell', '--item', 'A1x3', '--tender', 'cash'], NOW);
    const cashier = cli(['--data', dir, '--operator', 'c1', 'refund', 'T1-000001', '--line', '1x1'], { ...NOW, TILLPOINT_PIN: '1111' });
    expect(cashier.code).toBe(1);
    expect(cashier.stderr).toMatch(/Refund needs a supervisor or manager/);
    const sup = cli(['--data', dir, '--operator', 's1', 'refund', 'T1-000001', '--line', '1x1', '--json'], { ...NOW, TILLPOINT_PIN: '5555' });
    expect(sup.code).toBe(0);
    expect(cli(['--data', dir, 'refund', 'T1-000001', '--line', '1x1'], NOW).code).toBe(0);
    const refunds = auditLines(dir).filter((e) => e.kind === 'refund').map((e) => [e.operator, e.ref]);
    expect(refunds).toEqual([['S1', 'T1-000002'], ['system', 'T1-000003']]);
    const cashierSetup = cli(['--data', dir, '--operator', 'c1', 'operator', 'add', 'x1', '--name', 'X', '--role', 'cashier'], { TILLPOINT_PIN: '1111', TILLPOINT_NEW_PIN: '4444' });
    expect(cashierSetup.code).toBe(1);
    expect(cashierSetup.stderr).toMatch(/Setup needs a manager/);
  });
});

// The doctor's operators check: planted faults (no active manager, an operator locked out by wrong
// PINs, a torn audit line) are each found with their fix, through the real command line.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli, tillpoint } from '../uploads/cli-bundle.js';
import { doctor, storeWithSales, tempRoot } from './helpers.js';

let bundle: { file: string; remove(): void };
let root: string;

beforeAll(async () => {
  bundle = await bundleCli();
  root = tempRoot();
}, 60_000);

afterAll(() => {
  bundle?.remove();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

let n = 0;
function storeWithCrew(): string {
  const dir = path.join(root, `s${++n}`);
  storeWithSales(bundle.file, dir, 1);
  expect(tillpoint(bundle.file, ['operator', 'add', 'm1', '--name', 'Mandla', '--role', 'manager', '--data', dir], { TILLPOINT_NEW_PIN: '9999' }).code).toBe(0);
  expect(tillpoint(bundle.file, ['operator', 'add', 'c1', '--name', 'Carol', '--role', 'cashier', '--data', dir], { TILLPOINT_NEW_PIN: '1111' }).code).toBe(0);
  return dir;
}

describe('doctor: operators and audit trail', () => {
  it('is ok with operators and a manager, and says how many', () => {
    const r = doctor(bundle.file, storeWithCrew());
    expect(r.check('operators')).toMatchObject({ status: 'ok', fix: '' });
    expect(r.check('operators').detail).toContain('2 active operator(s), idle lock 5 min');
  });

  it('warns of an operator locked out by wrong PINs, with the unlock command', () => {
    const dir = storeWithCrew();
    for (let i = 0; i < 5; i++) tillpoint(bundle.file, ['sales', '--operator', 'c1', '--data', dir], { TILLPOINT_PIN: '0000' });
    const r = doctor(bundle.file, dir);
    expect(r.code).toBe(0);
    expect(r.check('operators')).toMatchObject({ status: 'warning', fix: expect.stringContaining('tillpoint operator unlock C1') });
    expect(r.check('operators').detail).toMatch(/C1 Carol is locked out after wrong PINs until/);
    expect(JSON.stringify(r.report)).not.toMatch(/0000|1111|9999/);
  });

  it('fails a store whose operators have no active manager left (edited by hand)', () => {
    const dir = storeWithCrew();
    const file = path.join(dir, 'operators.json');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    doc.operators = doc.operators.map((o: { role: string }) => ({ ...o, role: 'cashier' }));
    fs.writeFileSync(file, JSON.stringify(doc));
    const r = doctor(bundle.file, dir);
    expect(r.code).toBe(1);
    expect(r.check('operators')).toMatchObject({ status: 'fail', fix: expect.stringContaining('--role manager') });
  });

  it('warns of a damaged audit line, and still reads the rest', () => {
    const dir = storeWithCrew();
    const month = fs.readdirSync(path.join(dir, 'audit'))[0]!;
    fs.appendFileSync(path.join(dir, 'audit', month), '0badc0de {"torn\n');
    const r = doctor(bundle.file, dir);
    expect(r.check('operators')).toMatchObject({ status: 'warning' });
    expect(r.check('operators').detail).toContain('1 damaged line(s) in the audit trail');
  });
});

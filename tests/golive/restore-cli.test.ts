// `tillpoint restore BACKUP`: exit 0 restored, 1 refused (the reason on stderr, nothing changed),
// 2 usage; the till process open meanwhile follows the restore.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { backupLoyaltyTables, deleteLoyaltyTables } from '../../src/store/loyalty-tables/index.js';
import { bundleCli, run } from './cli-bundle.js';
import { balancesOf, dataFiles, loyaltyStore, tbBalance, ACCRUED, WRITE_OFF_TO, ZERO } from './fixture.js';

let bundle = '';
beforeAll(async () => {
  bundle = await bundleCli();
}, 60_000);

describe('tillpoint restore', () => {
  it('exits 2 on usage errors, 1 on a refused backup, 0 when restored', async () => {
    const b = await loyaltyStore();
    const { dir } = await backupLoyaltyTables(b.store, { now: b.bo.now() });
    const before = balancesOf(b);
    await deleteLoyaltyTables(b.store, { backup: dir, confirmation: 'DELETE', account: WRITE_OFF_TO, operator: 'system', now: b.bo.now() });
    const data = ['--data', b.dir];

    expect(run(bundle, ['restore', ...data]).code).toBe(2);
    expect(run(bundle, ['restore', dir, 'extra', ...data]).code).toBe(2);
    expect(run(bundle, ['restore', dir, '--item', 'X', ...data]).code).toBe(2);
    const help = run(bundle, ['restore', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/what the backup's manifest says it holds/);

    const files = dataFiles(b.dir);
    const bad = path.join(path.dirname(dir), 'tampered');
    fs.cpSync(dir, bad, { recursive: true });
    fs.writeFileSync(path.join(bad, 'loyalty-rows.jsonl'), '');
    const tampered = run(bundle, ['restore', bad, '--json', ...data]);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(/tillpoint: loyalty-rows\.jsonl in the backup .* does not match its checksum/);
    expect(JSON.parse(tampered.stdout).error).toMatch(/loyalty-rows\.jsonl/);
    const unknown = path.join(path.dirname(dir), 'unknown-kind');
    fs.cpSync(dir, unknown, { recursive: true });
    const m = JSON.parse(fs.readFileSync(path.join(unknown, 'manifest.json'), 'utf8'));
    fs.writeFileSync(path.join(unknown, 'manifest.json'), JSON.stringify({ ...m, kind: 'photos' }));
    const u = run(bundle, ['restore', unknown, ...data]);
    expect(u.code).toBe(1);
    expect(u.stderr).toMatch(/kind "photos", which this tillpoint cannot restore/);
    expect(run(bundle, ['restore', path.join(b.dir, 'nowhere'), ...data]).stderr).toMatch(/no manifest\.json/);
    expect(dataFiles(b.dir)).toEqual(files);
    expect(balancesOf(b)).toEqual({ J1: ZERO, P1: ZERO, P2: ZERO });

    const ok = run(bundle, ['restore', dir, '--json', ...data]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ kind: 'loyalty-tables', epochId: 'initial', reversed: 1625 });
    // This process (a till open all along) follows the restore written by the command.
    expect(balancesOf(b)).toEqual(before);
    expect(tbBalance(b, ACCRUED)).toBe(-1625);
    const again = run(bundle, ['restore', dir, ...data]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already the current ones/);
  }, 60_000);

  it('loyalty-tables backup and list; the CLI backup restores after a delete', async () => {
    const b = await loyaltyStore();
    const data = ['--data', b.dir];
    expect(run(bundle, ['loyalty-tables', ...data]).code).toBe(2);
    expect(run(bundle, ['loyalty-tables', 'shred', ...data]).code).toBe(2);
    expect(run(bundle, ['loyalty-tables', 'list', '--out', 'x', ...data]).code).toBe(2);
    const out = path.join(path.dirname(b.dir), 'usb-stick');
    const made = run(bundle, ['loyalty-tables', 'backup', '--out', out, '--json', ...data]);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    const { dir, manifest } = JSON.parse(made.stdout);
    expect(dir).toBe(out);
    expect(manifest.files.map((f: { name: string }) => f.name)).toContain('loyalty-rows.jsonl');
    expect(run(bundle, ['loyalty-tables', 'backup', '--out', out, ...data]).stderr).toMatch(/is not empty/);
    const inStore = run(bundle, ['loyalty-tables', 'backup', ...data]);
    expect(inStore.code).toBe(0);
    const list = JSON.parse(run(bundle, ['loyalty-tables', 'list', '--json', ...data]).stdout);
    expect(list).toEqual([expect.objectContaining({ epochId: 'initial', matchesCurrent: true })]);
    const before = balancesOf(b);
    await deleteLoyaltyTables(b.store, { backup: out, confirmation: 'DELETE', account: WRITE_OFF_TO, operator: 'system', now: b.bo.now() });
    expect(JSON.parse(run(bundle, ['loyalty-tables', 'list', '--json', ...data]).stdout)[0].matchesCurrent).toBe(false);
    expect(run(bundle, ['restore', out, ...data]).code).toBe(0);
    expect(balancesOf(b)).toEqual(before);
  }, 60_000);
});

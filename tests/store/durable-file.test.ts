import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LowSync } from 'lowdb';
import { DurableJsonFile, DurableJsonFileSync, removeTempLeftovers } from '../../src/store/durable-file.js';
import { StoreError, storeFs } from '../../src/store/index.js';
import { isProcessAlive } from '../../src/store/locks.js';
import { storeErrorOf, tempDir } from './helpers.js';

const realRename = storeFs.renameSync;
afterEach(() => {
  storeFs.renameSync = realRename;
});

function setup() {
  const dir = tempDir();
  const warnings: string[] = [];
  const file = path.join(dir, 'items.json');
  const adapter = new DurableJsonFileSync<{ n: number }>(file, { warn: (m) => warnings.push(m), label: 'items.json' });
  return { dir, file, adapter, warnings };
}


describe('durable lowdb adapter', () => {
  it('round-trips through lowdb, keeps the previous good version as .bak and leaves no temp files', () => {
    const { dir, file, adapter } = setup();
    const db = new LowSync(adapter, { n: 0 });
    db.read();
    expect(db.data).toEqual({ n: 0 }); // missing file -> null -> lowdb keeps its default
    db.data = { n: 1 };
    db.write();
    db.update((d) => (d.n = 2));
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ n: 2 });
    expect(JSON.parse(fs.readFileSync(`${file}.bak`, 'utf8'))).toEqual({ n: 1 });
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const again = new LowSync(new DurableJsonFileSync<{ n: number }>(file, { warn: () => {} }), { n: -1 });
    again.read();
    expect(again.data).toEqual({ n: 2 });
  });

  it('the async adapter reads what the sync one wrote', async () => {
    const { file, adapter } = setup();
    adapter.write({ n: 7 });
    const a = new DurableJsonFile<{ n: number }>(file, { warn: () => {} });
    expect(await a.read()).toEqual({ n: 7 });
    await a.write({ n: 8 });
    expect(adapter.read()).toEqual({ n: 8 });
  });

  it('ignores temp files a crash left behind, and tidies those of dead processes', () => {
    const { dir, file, adapter } = setup();
    adapter.write({ n: 3 });
    const deadTemp = path.join(dir, '.items.json.3999999.deadbeef.tmp');
    const liveTemp = path.join(dir, `.items.json.${process.pid}.cafebabe.tmp`);
    fs.writeFileSync(deadTemp, '{"n": 999');
    fs.writeFileSync(liveTemp, '');
    expect(adapter.read()).toEqual({ n: 3 });
    expect(removeTempLeftovers(dir, isProcessAlive)).toBe(1);
    expect(fs.existsSync(deadTemp)).toBe(false);
    expect(fs.existsSync(liveTemp)).toBe(true);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ n: 3 });
  });

  it.each([
    ['empty', ''],
    ['NUL-filled', '\0'.repeat(64)],
    ['half-written', '{"n": 4'],
  ])('restores an %s file from .bak loudly and rewrites it', (_what, damaged) => {
    const { dir, file, adapter, warnings } = setup();
    adapter.write({ n: 4 });
    adapter.write({ n: 5 }); // .bak now holds n: 4
    fs.writeFileSync(file, damaged);
    expect(adapter.read()).toEqual({ n: 4 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^items\.json is (empty|not valid JSON).*restored it from items\.json\.bak/);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ n: 4 });
    if (damaged.length > 0) expect(fs.readdirSync(dir).some((f) => f.startsWith('items.json.corrupt-'))).toBe(true);
  });

  it('without repair, reads the .bak but leaves the damaged file alone', () => {
    const { file, adapter } = setup();
    adapter.write({ n: 1 });
    adapter.write({ n: 2 });
    fs.writeFileSync(file, '');
    const warnings: string[] = [];
    const reader = new DurableJsonFileSync<{ n: number }>(file, { warn: (m) => warnings.push(m), label: 'items.json', repair: false });
    expect(reader.read()).toEqual({ n: 1 });
    expect(warnings[0]).toMatch(/reading items\.json\.bak instead/);
    expect(fs.readFileSync(file, 'utf8')).toBe('');
  });

  it('refuses an unparseable file with no .bak as CORRUPT naming the file, never defaults', () => {
    const { file, adapter } = setup();
    fs.writeFileSync(file, '{"n": ');
    const err = storeErrorOf(() => adapter.read());
    expect(err.code).toBe('CORRUPT');
    expect(err.file).toBe('items.json');
    expect(err.message).toMatch(/^items\.json is not valid JSON .* and there is no backup/);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"n": ');
  });

  it('refuses when both the file and its .bak are damaged', () => {
    const { file, adapter } = setup();
    fs.writeFileSync(file, '');
    fs.writeFileSync(`${file}.bak`, 'nope');
    const err = storeErrorOf(() => adapter.read());
    expect(err.code).toBe('CORRUPT');
    expect(err.message).toMatch(/items\.json is empty and its backup items\.json\.bak is not valid JSON/);
  });

  it('never replaces a good .bak with a damaged main file', () => {
    const { file, adapter } = setup();
    adapter.write({ n: 1 });
    adapter.write({ n: 2 });
    fs.writeFileSync(file, 'garbage');
    adapter.write({ n: 3 });
    expect(JSON.parse(fs.readFileSync(`${file}.bak`, 'utf8'))).toEqual({ n: 1 });
  });

  it('a failed rename leaves the old file and no temp behind, and throws IO', () => {
    const { dir, file, adapter } = setup();
    adapter.write({ n: 1 });
    storeFs.renameSync = (from, to) => {
      if (String(to) === file) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      realRename(from, to);
    };
    const err = storeErrorOf(() => adapter.write({ n: 2 }));
    expect(err.code).toBe('IO');
    expect(err.message).toMatch(/writing items\.json failed: ENOSPC/);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ n: 1 });
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

// Utilities > Doctor on a real store: the checks of `tillpoint doctor` listed as they finish, with
// the status word and its colour, the selected check's detail and fix, and R running them again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { Rendered } from '../render.js';
import { DOWN, ESC } from '../keys.js';
import type { TempStore } from '../forms/harness.js';

// chalk decides its colour level when first imported: force one so the colour check below is
// real, then load Ink and the screen (as tests/screens/kit/colour.test.tsx does).
process.env['FORCE_COLOR'] = '1';
const { DoctorScreen } = await import('../../../src/screens/doctor/doctor-screen.js');
const { MENU_TEXT, openTempStore, renderScreen, rowWith, tallestFrame } = await import('../forms/harness.js');

let tmp: TempStore | undefined;
let view: Rendered | undefined;
afterEach(() => {
  if (view) expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  view?.unmount();
  tmp?.cleanup();
  view = undefined;
  tmp = undefined;
});

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('Doctor screen', () => {
  it('lists every check with its status, shows the selected one\'s fix, and runs them again on R', async () => {
    tmp = await openTempStore();
    const pid = await deadPid();
    const lock = path.join(tmp.dir, 'locks', 'till-T7.lock');
    fs.writeFileSync(lock, JSON.stringify({ pid, host: os.hostname(), since: new Date(Date.now() - 60_000).toISOString(), token: 'feedfacefeedface' }));
    view = await renderScreen(<DoctorScreen />, tmp.store, 'Doctor');
    let f = await view.waitFor('Doctor: working, with warnings (0 failed, 1 warning(s), 10 ok)', 20_000);
    expect(f.split('\n')[0]).toContain('Main Menu › Utilities › Doctor');
    expect(rowWith(f, 'Data folder writable')).toMatch(/> \[OK  \] Data folder writable/);
    expect(rowWith(f, 'Locks')).toMatch(/\[WARN\] Locks\s+locks\/till-T7\.lock \(till T7's/);
    for (const title of ['Free space', 'Journals valid', 'Clock and time zone', 'Documents valid', 'Loyalty Plus web service', 'SFTP login', 'Scheduled jobs', 'Loyalty Plus outbox age', 'Operators and audit trail']) {
      expect(rowWith(f, title)).toContain('[OK  ]');
    }
    expect(f).toContain('Nothing to do.');
    // The warning row is drawn in the warning colour (yellow), not only marked WARN.
    const raw = view.rawFrame().split('\n').find((l) => l.includes('[WARN] Locks')) ?? '';
    expect(raw).toContain('\x1b[33m');

    // Down twice: the Locks check, its detail and its fix.
    await view.write(DOWN);
    await view.write(DOWN);
    f = await view.waitFor('Fix: nothing to do: it is taken over at the next start of till T7');
    expect(f).toContain(`Locks: locks/till-T7.lock (till T7's journal) is stale: pid ${pid}`);
    expect(rowWith(f, '[WARN] Locks')).toMatch(/^│ > \[WARN\]/);

    // The lock goes; R runs every check again.
    fs.rmSync(lock);
    await view.write('r');
    f = await view.waitFor('Doctor: all good (0 failed, 0 warning(s), 11 ok)', 20_000);
    expect(rowWith(f, 'Locks')).toContain('[OK  ] Locks');
    expect(fs.existsSync(lock)).toBe(false);

    await view.write(ESC);
    await view.waitFor(MENU_TEXT);
  }, 40_000);
});

import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, runApp } from '../../../src/screens/app.js';
import type { ScreenRegistry } from '../../../src/screens/menu/screen-registry.js';
import { createTheme } from '../../../src/screens/theme.js';
import { FakeStdout } from '../render.js';
import { testServices, type TestServices } from './services.js';
import { testRegistry } from './test-registry.js';

let env: TestServices | undefined;
afterEach(async () => {
  // runApp drops its signal listeners on the next turn (see app.tsx).
  await new Promise((r) => setImmediate(r));
  env?.close();
  env = undefined;
  process.exitCode = undefined;
});

function terminal() {
  const stdin = new PassThrough() as PassThrough & { isTTY: boolean; rawModes: boolean[]; setRawMode(m: boolean): unknown };
  stdin.isTTY = true;
  stdin.rawModes = [];
  stdin.setRawMode = (m: boolean) => {
    stdin.rawModes.push(m);
    return stdin;
  };
  const stdout = new FakeStdout(80, 24);
  const written = (): string => stdout.frames.join('');
  return { stdin, stdout, written };
}

// A till session opens on Point of Sale; a back-office session (no till) on the Main Menu.
const start = async (registry: ScreenRegistry = testRegistry, withTill = false) => {
  env = await testServices(withTill);
  const t = terminal();
  const done = runApp(env.services, {
    stdin: t.stdin as unknown as NodeJS.ReadStream,
    stdout: t.stdout as unknown as NodeJS.WriteStream,
    registry,
    theme: createTheme({ env: { LANG: 'C.UTF-8' } }),
  });
  return { ...t, done };
};

describe('runApp', () => {
  it('enters the alternate screen in raw mode, and restores everything when the user quits', async () => {
    const t = await start();
    expect(t.written().startsWith(ENTER_ALT_SCREEN)).toBe(true);
    expect(t.stdin.rawModes).toEqual([true]);
    t.stdin.write('q');
    await t.done;
    const out = t.written();
    expect(out.endsWith(LEAVE_ALT_SCREEN)).toBe(true);
    expect(t.stdin.rawModes).toEqual([true, false]);
    expect(t.stdin.isPaused()).toBe(true);
    // Nothing of our key handling leaked to Ink: no listener was left on stdin.
    expect(t.stdin.listenerCount('data')).toBe(0);
  });

  it('Ctrl+C with an open sale asks, and a second Ctrl+C quits', async () => {
    const t = await start(testRegistry, true);
    t.stdin.write('6001000000011\r');
    await new Promise((r) => setTimeout(r, 50));
    expect(env!.services.till!.getState().sale?.lines).toHaveLength(1);
    t.stdin.write('\x03');
    await new Promise((r) => setTimeout(r, 50));
    let quit = false;
    void t.done.then(() => { quit = true; });
    await new Promise((r) => setTimeout(r, 20));
    expect(quit).toBe(false);
    t.stdin.write('\x03');
    await t.done;
    expect(t.written().endsWith(LEAVE_ALT_SCREEN)).toBe(true);
  });

  it('restores the terminal on SIGTERM and resolves with exit code 143', async () => {
    const before = process.listenerCount('SIGTERM');
    const t = await start();
    await new Promise((r) => setTimeout(r, 20));
    expect(process.listenerCount('SIGTERM')).toBeGreaterThan(before);
    process.emit('SIGTERM', 'SIGTERM');
    await t.done;
    // Still alive (the worker would be gone otherwise) and the listeners go on the next turn.
    await new Promise((r) => setImmediate(r));
    expect(process.exitCode).toBe(143);
    expect(t.written().endsWith(LEAVE_ALT_SCREEN)).toBe(true);
    expect(t.stdin.rawModes).toEqual([true, false]);
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });

  it('restores the terminal and rejects when a screen crashes', async () => {
    const Broken = (): never => {
      throw new Error('screen exploded');
    };
    const crashListeners = process.listenerCount('uncaughtException');
    const t = await start({ ...testRegistry, tenderSetup: Broken });
    t.stdin.write('ust');
    await expect(t.done).rejects.toThrow('screen exploded');
    expect(t.written().endsWith(LEAVE_ALT_SCREEN)).toBe(true);
    expect(t.stdin.rawModes).toEqual([true, false]);
    expect(process.listenerCount('uncaughtException')).toBe(crashListeners);
  });
});

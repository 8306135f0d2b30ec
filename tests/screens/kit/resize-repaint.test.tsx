// Resizing below 80x24 and back: the frame must land on the screen where it belongs again (the
// breadcrumb on the first row, the hint bar on the last), as a real terminal shows it. Ink is run
// the way runApp runs it (not debug mode), over a small terminal emulator that follows the cursor.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Ink only listens for 'resize' outside CI; it reads CI once, when it is first imported.
vi.hoisted(() => {
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
});

const { runApp } = await import('../../../src/screens/app.js');
const { screenRegistry } = await import('../../../src/screens/menu/screen-registry.js');
const { createTheme } = await import('../../../src/screens/theme.js');
const { TerminalStdout } = await import('../vt.js');
const { testServices } = await import('./services.js');

type Services = Awaited<ReturnType<typeof testServices>>;
let env: Services | undefined;
afterEach(async () => {
  await new Promise((r) => setImmediate(r));
  env?.close();
  env = undefined;
  process.exitCode = undefined;
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string, screen: () => string[]): Promise<void> {
  const end = Date.now() + 3000;
  while (Date.now() < end) {
    if (check()) return;
    await pause(10);
  }
  throw new Error(`timed out waiting for ${what}; screen:\n${screen().join('\n')}`);
}

describe('resize repaint', () => {
  it('after "Terminal too small" and back to 80x24 the whole frame is where it belongs', async () => {
    env = await testServices(true);
    const stdin = new PassThrough();
    const stdout = new TerminalStdout(80, 24);
    const done = runApp(env.services, {
      stdin: stdin as unknown as NodeJS.ReadStream,
      stdout: stdout as unknown as NodeJS.WriteStream,
      registry: screenRegistry,
      theme: createTheme({ env: { LANG: 'C.UTF-8' } }),
    });
    const screen = () => stdout.vt.screen();
    await until(() => screen()[0]!.startsWith('Main Menu › Point of Sale'), 'the till', screen);
    expect(screen()[23]).toContain('F1 Help');
    for (const [w, h] of [[79, 24], [80, 24], [80, 23], [80, 24], [100, 30], [80, 24]] as const) {
      stdout.resize(w, h);
      if (w < 80 || h < 24) {
        await until(() => screen().some((l) => l.includes(`this is ${w}x${h}`)), `too small ${w}x${h}`, screen);
        await pause(50);
        expect(screen()[0]).toContain(`Terminal too small (needs 80x24, this is ${w}x${h})`);
        // The till stays mounted meanwhile: a scan typed now is not lost.
        if (w === 79) stdin.write('BREAD\r');
      } else {
        await until(() => screen().filter((l) => l.includes('F1 Help')).length === 1 && !screen().some((l) => l.includes('too small')), `frame ${w}x${h}`, screen);
        await pause(50);
        const s = screen();
        expect(s[0], `${w}x${h}:\n${s.join('\n')}`).toMatch(/^Main Menu › Point of Sale\s+Till T1 \| tester$/);
        expect(s[1]).toMatch(/^┌─+┐$/);
        expect(s[h - 1]).toContain('F1 Help');
        expect(s[h - 3]).toMatch(/^└─+┘$/);
        expect(s).toHaveLength(h);
        expect(s.join('\n')).toContain('White bread 700g');
      }
    }
    stdin.write('\x03'); // a sale is open: it asks, and a second Ctrl+C quits
    await pause(50);
    stdin.write('\x03');
    await done;
  });
});

// Starts the full-screen UI: alternate screen, Ink with a stand-in stdin, our key layer on the
// real stdin, and a terminal put back as it was on every way out (quit, signal, crash).
import { render } from 'ink';
import type { AppServices } from './app-context.js';
import { KeyProvider } from './keys/dispatcher.js';
import { createInkStdinStandIn } from './keys/ink-stdin.js';
import { startScreens } from './menu/main-menu.js';
import type { ScreenRegistry } from './menu/screen-registry.js';
import { AppRoot } from './shell/app-root.js';
import { createTheme, type Theme } from './theme.js';

export interface RunAppOptions {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  /** The screens the menus open; by default the real ones (loaded only when the UI starts). */
  registry?: ScreenRegistry;
  theme?: Theme;
}

export const ENTER_ALT_SCREEN = '\x1b[?1049h\x1b[H\x1b[?25l';
export const LEAVE_ALT_SCREEN = '\x1b[?25h\x1b[?1049l';

const SIGNALS = ['SIGTERM', 'SIGHUP'] as const;
const SIGNAL_EXIT_CODES: Record<(typeof SIGNALS)[number], number> = { SIGTERM: 143, SIGHUP: 129 };

/**
 * Resolves when the user quits, or after SIGTERM/SIGHUP (process.exitCode is then set to 128 +
 * the signal; the caller closes the till session and exits). Rejects after an uncaught exception
 * or a render error, with the terminal already restored.
 */
export async function runApp(services: AppServices, opts: RunAppOptions): Promise<void> {
  const { stdin, stdout } = opts;
  const registry = opts.registry ?? (await import('./menu/screen-registry.js')).screenRegistry;
  const theme = opts.theme ?? createTheme();
  const inkStdin = createInkStdinStandIn();
  const raw = stdin.isTTY === true && typeof stdin.setRawMode === 'function';

  return new Promise<void>((resolve, reject) => {
    let done = false;
    let restored = false;
    let instance: ReturnType<typeof render> | undefined;

    const restore = (): void => {
      if (restored) return;
      restored = true;
      try {
        instance?.unmount();
      } catch {
        // Unmounting a tree that just threw may throw again; the terminal matters more.
      }
      if (raw) stdin.setRawMode(false);
      stdin.pause();
      stdout.write(LEAVE_ALT_SCREEN);
    };

    const finish = (error?: unknown): void => {
      if (done) return;
      done = true;
      restore();
      // Removed on the next turn, not now: Ink's signal-exit listener runs after ours in the same
      // emit and kills the process again when it finds no other listener left, which would cut
      // off the caller's cleanup (closing the till session, releasing its lock).
      setImmediate(() => {
        for (const s of SIGNALS) process.off(s, onSignal[s]);
      });
      process.off('uncaughtException', onCrash);
      if (error === undefined) resolve();
      else reject(error instanceof Error ? error : new Error(String(error)));
    };

    const onSignal = Object.fromEntries(SIGNALS.map((s) => [s, () => {
      process.exitCode = SIGNAL_EXIT_CODES[s];
      finish();
    }])) as Record<(typeof SIGNALS)[number], () => void>;
    const onCrash = (error: Error): void => finish(error);

    for (const s of SIGNALS) process.on(s, onSignal[s]);
    process.on('uncaughtException', onCrash);

    try {
      stdout.write(ENTER_ALT_SCREEN);
      if (raw) stdin.setRawMode(true);
      // No resume() here: a flowing stdin with no listener yet would drop what is typed during
      // start-up. The key layer resumes it once its listener is attached.
      instance = render(
        <KeyProvider input={stdin}>
          <AppRoot services={services} initial={startScreens(registry, services)} theme={theme} onQuit={() => finish()} />
        </KeyProvider>,
        { stdout, stdin: inkStdin, stderr: process.stderr, exitOnCtrlC: false, patchConsole: false, maxFps: 60 },
      );
      // Ink rejects this on a render error (its error boundary); a normal unmount resolves it.
      instance.waitUntilExit().then(() => finish(), (error: unknown) => finish(error));
    } catch (error) {
      finish(error);
    }
  });
}

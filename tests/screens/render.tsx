// Our own render helper (ink-testing-library renders at 100 columns with no rows, and keys written
// before handlers attach are lost): a fake 80x24 TTY stdout, a stdin stream we write keys to, and
// a wait for the key layer before the first key. Frames come ANSI-stripped.
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { ReactNode } from 'react';
import { render as inkRender } from 'ink';
import type { AppServices, ScreenEntry } from '../../src/screens/app-context.js';
import { KeyProvider } from '../../src/screens/keys/dispatcher.js';
import { createInkStdinStandIn } from '../../src/screens/keys/ink-stdin.js';
import { createKeyDispatcher, type KeyDispatcher } from '../../src/screens/keys/key-dispatcher.js';
import { ESC_TIMEOUT_MS } from '../../src/screens/keys/parse-keys.js';
import { AppRoot } from '../../src/screens/shell/app-root.js';
import { createTheme, ThemeContext, type Theme, type ThemeOptions } from '../../src/screens/theme.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[=>NOPc78]/g;
export const stripAnsi = (s: string): string => s.replace(ANSI, '');

/** A stdout that Ink treats as a terminal of a fixed size; resize() emits 'resize' like a TTY. */
export class FakeStdout extends EventEmitter {
  isTTY = true;
  frames: string[] = [];
  constructor(public columns = 80, public rows = 24) {
    super();
  }
  write = (data: string): boolean => {
    this.frames.push(data);
    return true;
  };
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

export interface RenderOptions {
  columns?: number;
  rows?: number;
  /** Defaults to UTF-8 box drawing with colour, whatever the test machine's environment says. */
  theme?: Theme | ThemeOptions;
  /** Mount the app root (services, screen stack, quit) with this as the only screen. With
   * `stack` but no services, useApp() throws (the Shell and menus do not need it). */
  services?: AppServices;
  /** Full stack for the app root, bottom first (overrides node). */
  stack?: ScreenEntry[];
  onQuit?: () => void;
}

export interface Rendered {
  /** Writes raw key text (use tests/screens/keys.ts), after the key layer is attached. */
  write(keys: string): Promise<void>;
  /** The last frame, ANSI-stripped. */
  frame(): string;
  /** The last frame as written (with colour codes). */
  rawFrame(): string;
  /** Every frame written so far, as written. */
  frames: string[];
  /** Resolves with the frame once it contains text (or the predicate holds). */
  waitFor(match: string | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
  resize(columns: number, rows: number): Promise<void>;
  dispatcher: KeyDispatcher;
  stdout: FakeStdout;
  quits: () => number;
  unmount(): void;
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function render(node: ReactNode, opts: RenderOptions = {}): Promise<Rendered> {
  const stdout = new FakeStdout(opts.columns ?? 80, opts.rows ?? 24);
  const stdin = new PassThrough();
  stdin.setEncoding('utf8');
  const dispatcher = createKeyDispatcher();
  const theme = opts.theme && 'border' in opts.theme ? opts.theme : createTheme({ env: { LANG: 'C.UTF-8', TERM: 'xterm-256color' }, ...(opts.theme ?? {}) });
  let quitCount = 0;
  const onQuit = (): void => {
    quitCount += 1;
    opts.onQuit?.();
  };
  const stack = opts.stack ?? [{ id: 'test', title: 'Test', render: () => node }];
  const tree = opts.services || opts.stack ? (
    <AppRoot services={opts.services ?? (undefined as unknown as AppServices)} initial={stack} theme={theme} onQuit={onQuit} />
  ) : (
    <ThemeContext.Provider value={theme}>{node}</ThemeContext.Provider>
  );
  const instance = inkRender(<KeyProvider input={stdin} dispatcher={dispatcher}>{tree}</KeyProvider>, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: createInkStdinStandIn(),
    // Debug mode writes each frame whole and unthrottled, and draws even when CI is set.
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  await dispatcher.ready;
  const last = (): string => stdout.frames[stdout.frames.length - 1] ?? '';
  const frame = (): string => stripAnsi(last());
  return {
    async write(keys) {
      stdin.write(keys);
      await settle();
      // A lone Esc waits ~100 ms for the rest of a sequence; let it go before the next write, or
      // the next key would read as Alt+key (what a real terminal does with Esc then a fast key).
      if (keys.endsWith('\x1b')) await new Promise((resolve) => setTimeout(resolve, ESC_TIMEOUT_MS + 20));
    },
    frame,
    rawFrame: last,
    frames: stdout.frames,
    async waitFor(match, timeoutMs = 2000) {
      const test = typeof match === 'string' ? (f: string) => f.includes(match) : match;
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        if (test(frame())) return frame();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      throw new Error(`waitFor timed out after ${timeoutMs} ms waiting for ${String(match)}; last frame:\n${frame()}`);
    },
    async resize(columns, rows) {
      stdout.resize(columns, rows);
      await settle();
    },
    dispatcher,
    stdout,
    quits: () => quitCount,
    unmount() {
      instance.unmount();
      instance.cleanup();
    },
  };
}

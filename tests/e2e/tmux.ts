// Drives the built bundle in a real terminal: tmux on a private socket, keys in with send-keys,
// the screen out with capture-pane.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUNDLE = path.join(ROOT, 'dist', 'tillpoint.js');

let counter = 0;

export interface TmuxSession {
  name: string;
  keys(...keys: string[]): void;
  /** Sends text literally (no key-name lookup), as a scanner or a paste would. */
  type(text: string): void;
  screen(): string;
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
  pid(): number;
  kill(): void;
}

export function startTmux(opts: { args: string[]; env?: Record<string, string>; term?: string; cols?: number; rows?: number; bundle?: string }): TmuxSession {
  const name = `tp${process.pid}x${counter++}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', name, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  const env = { CI: 'true', TERM: opts.term ?? 'xterm-256color', LANG: 'C.UTF-8', ...opts.env };
  const envArgs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  tmux('new-session', '-d', '-s', name, '-x', String(opts.cols ?? 80), '-y', String(opts.rows ?? 24), 'env', ...envArgs, process.execPath, opts.bundle ?? BUNDLE, ...opts.args);
  tmux('set-option', '-t', name, 'remain-on-exit', 'on');
  const session: TmuxSession = {
    name,
    keys: (...keys) => void tmux('send-keys', '-t', name, ...keys),
    type: (text) => void tmux('send-keys', '-t', name, '-l', text),
    screen: () => tmux('capture-pane', '-p', '-t', name),
    async waitFor(text, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      let last = '';
      while (Date.now() < deadline) {
        last = session.screen();
        if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`timed out waiting for ${String(text)}; screen was:\n${last}`);
    },
    pid: () => Number(tmux('display-message', '-p', '-t', name, '#{pane_pid}').trim()),
    kill() {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
    },
  };
  return session;
}

// The run's connection to the server: one session at a time, opened on first use, and on a
// failure that may pass (a dropped connection, a timeout) closed, waited out with backoff and
// opened afresh with a new client (PITFALLS: v12 has no retries; reused clients pile up
// listeners). Failures that waiting cannot cure (login, host key, path, permission) end the run
// at once: retrying a wrong password only risks locking the account.
import { loadSftp } from '../../sftp/load-sftp.js';
import { SftpError, type SftpOptions, type SftpServer, type SftpSession, type SftpStep } from '../../sftp/types.js';
import type { SftpFailureKind } from '../../sftp/types.js';

export const RETRY_DELAYS_DEFAULT: readonly number[] = [1000, 4000, 15_000];

const PASSING: ReadonlySet<SftpFailureKind> = new Set(['connect', 'timeout', 'transfer', 'name-lookup']);

export class StoppedError extends Error {
  override name = 'AbortError';
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new StoppedError('the upload was stopped'));
    const done = () => {
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(new StoppedError('the upload was stopped'));
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/** A remote path inside the upload folder. */
export function remotePath(uploadPath: string, name: string): string {
  return `${uploadPath.replace(/\/+$/, '')}/${name}`;
}

export interface LinkOptions {
  server: SftpServer;
  uploadPath: string;
  sftp?: SftpOptions;
  delaysMs: readonly number[];
  signal?: AbortSignal;
}

export class Link {
  private session: SftpSession | null = null;
  /** Connections made (the first one and every reconnect). */
  connects = 0;
  /** Attempts made again after a passing failure. */
  retries = 0;

  constructor(private readonly o: LinkOptions) {}

  private async open(): Promise<SftpSession> {
    if (this.session) return this.session;
    const sftp = await loadSftp();
    this.connects++;
    const s = await sftp.openSession(this.o.server, this.o.sftp ?? {});
    this.session = s;
    let folder: boolean;
    try {
      folder = await s.isFolder(this.o.uploadPath);
    } catch (err) {
      await this.drop();
      throw err;
    }
    if (!folder) {
      await this.drop();
      throw new SftpError('path-missing', 'upload-path', `the upload path ${this.o.uploadPath} is not a folder on ${this.o.server.host}:${this.o.server.port}`);
    }
    return s;
  }

  private async drop(): Promise<void> {
    const s = this.session;
    this.session = null;
    if (s) await s.end();
  }

  /**
   * Runs `fn` on a session, again after a passing failure (with `attempt` counting from 0), at
   * most delaysMs.length + 1 times. Throws the last SftpError, or StoppedError when aborted.
   */
  async attempt<T>(fn: (s: SftpSession, attempt: number) => Promise<T>): Promise<T> {
    const delays = this.o.delaysMs;
    for (let attempt = 0; ; attempt++) {
      if (this.o.signal?.aborted) throw new StoppedError('the upload was stopped');
      try {
        return await fn(await this.open(), attempt);
      } catch (err) {
        if (!isSftpError(err) || !PASSING.has(err.kind) || attempt >= delays.length) {
          await this.drop();
          throw err;
        }
        await this.drop();
        this.retries++;
        await sleep(delays[attempt]!, this.o.signal);
      }
    }
  }

  end(): Promise<void> {
    return this.drop();
  }
}

/** By name and kind: the transport may come from a bundle of its own (dist/sftp.js), with its own class. */
export function isSftpError(err: unknown): err is SftpError {
  return err instanceof SftpError || (err instanceof Error && err.name === 'SftpError' && typeof (err as { kind?: unknown }).kind === 'string');
}

export type { SftpStep };

// How the last Loyalty Plus sales upload run ended, whoever ran it (the till's scheduled event or
// `tillpoint upload` from a shell), so the till's "Upload failed" goes as soon as any run succeeds.
import fs from 'node:fs';
import path from 'node:path';
import { replaceFileDurably } from './durable-file.js';

export const LAST_RUN_FILE = 'uploads/last-run.json';

export interface LastUploadRun {
  at: string;
  ok: boolean;
  /** The failure kind when it failed (no message: it is for a status line, and stays short). */
  kind?: string;
}

export function writeLastUploadRun(storeDir: string, run: LastUploadRun): void {
  const file = path.join(storeDir, LAST_RUN_FILE);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  replaceFileDurably(file, `${JSON.stringify(run)}\n`);
}

/** The last run, or null when none was recorded (or the file is unreadable: the job state decides then). */
export function readLastUploadRun(storeDir: string): LastUploadRun | null {
  try {
    const v = JSON.parse(fs.readFileSync(path.join(storeDir, LAST_RUN_FILE), 'utf8')) as Partial<LastUploadRun>;
    return typeof v.at === 'string' && typeof v.ok === 'boolean' ? { at: v.at, ok: v.ok, ...(typeof v.kind === 'string' ? { kind: v.kind } : {}) } : null;
  } catch {
    return null;
  }
}

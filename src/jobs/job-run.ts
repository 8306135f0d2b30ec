// One run of one job body: what counts as success. Only a body that resolves while nobody has
// asked it to stop has succeeded; anything else (a throw, an abort, a resolve after the abort,
// which may have skipped the rest of the work) is not recorded as success, so the slot is run
// again later. Jobs are idempotent, so running again is always safe; skipping never is.
import type { JobDef, JobProgress, RunOutcome } from './types.js';

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

const STOPPED = 'stopped before it finished (the program was closing); it will run again';

export async function executeRun(
  def: JobDef,
  slotMs: number,
  signal: AbortSignal,
  onProgress: (p: JobProgress) => void,
): Promise<RunOutcome> {
  const progress = (done: number, total: number, note?: string): void => {
    if (signal.aborted) return;
    onProgress(note === undefined ? { done, total } : { done, total, note });
  };
  try {
    const note = await def.run({ signal, progress, at: new Date(slotMs) });
    if (signal.aborted) return { result: 'stopped', error: STOPPED };
    return typeof note === 'string' ? { result: 'success', note } : { result: 'success' };
  } catch (err) {
    if (signal.aborted) return { result: 'stopped', error: STOPPED };
    return { result: 'failed', error: errorMessage(err) };
  }
}

/** Waits for `promises` to settle, but no longer than `ms` (a job body that ignores its signal). */
export async function settleWithin(promises: readonly (Promise<unknown> | null)[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); });
  await Promise.race([Promise.allSettled(promises), timeout]);
  clearTimeout(timer);
}

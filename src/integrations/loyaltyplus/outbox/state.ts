// `outbox/<TILL>.state.json`: where opening may start, so a till with years of sales does not
// read its whole journal and acks file at every start. Like the journal index snapshots it is
// trusted only when it checks out (the record it names still ends where it says, the acks file
// still has a line ending at its offset); otherwise the outbox reads everything again. It is
// derived data: deleting it costs one slower start, nothing else.
import path from 'node:path';
import { DurableJsonFileSync } from '../../../store/durable-file.js';
import { StoreError, errorText } from '../../../store/errors.js';
import type { Store } from '../../../store/store.js';
import type { AckError, AckLog } from './ack-log.js';
import type { OutboxOp } from './entries.js';

/** The last journal record before which every outbox entry is acknowledged. */
export interface Watermark { start: number; end: number; seq: number }

/** A final failure kept for reconciliation, whatever part of the files a later start skips. */
export interface FailedEntry {
  id: string;
  op: OutboxOp;
  sale: string;
  createdAt: string;
  at: string;
  error: AckError;
}

export interface OutboxState {
  v: 1;
  till: string;
  /** null: read the journal from its start. */
  journal: Watermark | null;
  /** Every ack an unread entry can have is at or after this byte of the acks file. */
  acksOffset: number;
  failed: FailedEntry[];
}

export function stateFile(dir: string, till: string, warn: (m: string) => void): DurableJsonFileSync<OutboxState> {
  return new DurableJsonFileSync<OutboxState>(path.join(dir, `${till}.state.json`), { warn, label: `outbox/${till}.state.json`, pretty: false });
}

function shapeProblem(s: unknown, till: string): string | null {
  const o = s as Partial<OutboxState> | null;
  if (typeof o !== 'object' || o === null || o.v !== 1) return 'it is not an outbox state of version 1';
  if (o.till !== till) return `it is for till ${String(o.till)}`;
  if (!Number.isSafeInteger(o.acksOffset) || (o.acksOffset ?? -1) < 0 || !Array.isArray(o.failed)) return 'its fields are not valid';
  const j = o.journal;
  if (j !== null && (typeof j !== 'object' || j === undefined || ![j.start, j.end, j.seq].every(Number.isSafeInteger) || j.start >= j.end)) {
    return 'its journal position is not valid';
  }
  return null;
}

/** The state when it checks out against the journal and the acks file, else null (with a warning why). */
export function loadState(store: Store, dir: string, till: string, acks: AckLog, warn: (m: string) => void): OutboxState | null {
  const label = `outbox/${till}.state.json`;
  let s: OutboxState | null;
  try {
    s = stateFile(dir, till, warn).read();
  } catch (err) {
    if (err instanceof StoreError && err.code === 'CORRUPT') {
      warn(`ignoring ${label}: ${err.message}; reading journals/${till}.jsonl from its start`);
      return null;
    }
    throw err;
  }
  if (s === null) return null;
  let problem = shapeProblem(s, till);
  if (problem === null && s.journal) {
    const rec = store.journals.readAt({ till, start: s.journal.start, end: s.journal.end });
    if (!rec || rec.seq !== s.journal.seq) problem = `journals/${till}.jsonl has no record seq ${s.journal.seq} ending at byte ${s.journal.end}`;
  }
  if (problem === null && !acks.endsLineAt(s.acksOffset)) problem = `${acks.label} has no line ending at byte ${s.acksOffset}`;
  if (problem !== null) {
    warn(`ignoring ${label}: ${problem}; reading journals/${till}.jsonl and ${acks.label} from their start`);
    return null;
  }
  return s;
}

export function saveState(dir: string, s: OutboxState, warn: (m: string) => void): void {
  try {
    stateFile(dir, s.till, warn).write(s);
  } catch (err) {
    // Nothing is lost: the next start only reads more.
    warn(`could not save outbox/${s.till}.state.json: ${errorText(err)}`);
  }
}

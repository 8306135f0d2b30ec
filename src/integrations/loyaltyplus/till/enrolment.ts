// Loyalty Functions > Enrol: the fields a new member gives at the till, checked before anything
// is sent, each problem named at its field.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fsyncDir, storeFs, writeAll } from '../../../store/fs-layer.js';

export interface EnrolFields { name: string; cellphone: string; card: string }
export type EnrolProblems = Partial<Record<keyof EnrolFields, string>>;

const CELL = /^\+?[0-9]{10,15}$/;
const CARD = /^[0-9]{8,19}$/;

/** The fields as sent (trimmed, spaces and dashes out of the numbers) and what is wrong with them. */
export function checkEnrolment(f: EnrolFields): { fields: EnrolFields; problems: EnrolProblems } {
  const fields: EnrolFields = {
    name: f.name.trim().replace(/\s+/g, ' '),
    cellphone: f.cellphone.replace(/[\s-]/g, ''),
    card: f.card.replace(/[\s-]/g, ''),
  };
  const problems: EnrolProblems = {};
  if (fields.name.length < 2 || fields.name.length > 60) problems.name = 'Name: 2 to 60 characters';
  if (!CELL.test(fields.cellphone)) problems.cellphone = 'Cellphone: 10 to 15 digits, optionally starting with +';
  if (!CARD.test(fields.card)) problems.card = 'Card number: 8 to 19 digits';
  return { fields, problems };
}

/**
 * The same enrolment sent again (after a timeout) carries the same key, so it is never made twice;
 * corrected details are a new request.
 */
export function enrolmentKey(till: string, f: EnrolFields): string {
  const digest = createHash('sha256').update(`${f.name}\n${f.cellphone}\n${f.card}`).digest('hex').slice(0, 16);
  return `${till}:enrol:${f.card}:${digest}`;
}

// The go-live checklist's "enrolment tested" needs proof that outlives the sale (which may be
// abandoned); the provider keeps the member, so all we keep is when, where and a masked card:
// never the name or cellphone, which are the member's and live with Loyalty Plus.
export const ENROLMENTS_FILE = 'loyaltyplus/enrolments.jsonl';

export interface EnrolmentTrace { at: string; till: string; card: string }

/** "************2233": the last four digits are enough to tell test cards apart. */
export function maskCard(card: string): string {
  return card.length <= 4 ? card : `${'*'.repeat(card.length - 4)}${card.slice(-4)}`;
}

/** Appends one line and fsyncs it (and the folder the first time), before the enrolment returns. */
export function appendEnrolment(storeDir: string, trace: EnrolmentTrace): void {
  const dir = path.join(storeDir, path.dirname(ENROLMENTS_FILE));
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    fsyncDir(storeDir);
  }
  const fd = storeFs.openSync(path.join(storeDir, ENROLMENTS_FILE), 'a');
  try {
    writeAll(fd, Buffer.from(`${JSON.stringify({ ...trace, card: maskCard(trace.card) })}\n`), null);
    storeFs.fsyncSync(fd);
  } finally {
    storeFs.closeSync(fd);
  }
}

/** Every complete, readable line; a torn last line (a crash mid-append) is left out. */
export function readEnrolments(storeDir: string): EnrolmentTrace[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(storeDir, ENROLMENTS_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: EnrolmentTrace[] = [];
  for (const line of text.split('\n').slice(0, -1)) {
    try {
      const v = JSON.parse(line) as Partial<EnrolmentTrace>;
      if (typeof v.at === 'string' && typeof v.till === 'string' && typeof v.card === 'string') out.push({ at: v.at, till: v.till, card: v.card });
    } catch {
      // a damaged line proves nothing; the others still count
    }
  }
  return out;
}

// Every line of every journal checked with the store's own decoding (checksum, JSON, record
// shape), read-only, in windows so a journal of any length takes little memory; the screen gets a
// turn of the event loop between windows.
import fs from 'node:fs';
import { errorText } from '../store/errors.js';
import { decodeLine } from '../store/journal-format.js';
import { readLines } from '../store/journal-lines.js';
import { journalFiles, type JournalFile } from './journal-files.js';
import { fail, ok, warning, worst, type DoctorContext, type DoctorCheck, type Finding } from './types.js';

const WINDOW = 4 * 1024 * 1024;
const WRITE_IN_PROGRESS_MS = 300;

interface BadLine { line: number; start: number; reason: string }

interface Scan {
  records: number;
  size: number;
  /** End of the last complete line (bytes after it are a torn write). */
  lineEnd: number;
  /** The first damaged line followed by a good one, and how many such lines there are. */
  firstInside: BadLine | null;
  inside: number;
  /** The damaged lines after the last good record. */
  trailing: BadLine[];
}

async function scan(j: JournalFile, ctx: DoctorContext): Promise<Scan> {
  const fd = fs.openSync(j.file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const s: Scan = { records: 0, size, lineEnd: 0, firstInside: null, inside: 0, trailing: [] };
    let lineNo = 0;
    for (let from = 0; from < size;) {
      const to = Math.min(size, from + WINDOW);
      for (const line of readLines(fd, from, to)) {
        lineNo += 1;
        s.lineEnd = line.end;
        const d = decodeLine(line.bytes, j.till, j.label);
        if (!d.ok) {
          s.trailing.push({ line: lineNo, start: line.start, reason: d.reason });
          continue;
        }
        s.records += 1;
        // Damaged lines with a good record after them are damage, not an unfinished tail.
        if (s.trailing.length > 0) {
          s.firstInside ??= s.trailing[0]!;
          s.inside += s.trailing.length;
          s.trailing = [];
        }
      }
      if (s.lineEnd <= from) break; // no complete line in this window: the rest is a torn tail
      from = s.lineEnd;
      await ctx.yieldNow();
    }
    if (s.size > s.lineEnd && (await finishedMeanwhile(fd, s.lineEnd))) s.size = s.lineEnd;
    return s;
  } finally {
    fs.closeSync(fd);
  }
}

/** A till appending right now leaves a line without its newline for a moment: give it that moment. */
async function finishedMeanwhile(fd: number, lineEnd: number): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, WRITE_IN_PROGRESS_MS));
  for (const _ of readLines(fd, lineEnd, fs.fstatSync(fd).size)) return true;
  return false;
}

async function journalFinding(j: JournalFile, ctx: DoctorContext): Promise<Finding> {
  let r: Scan;
  try {
    r = await scan(j, ctx);
  } catch (err) {
    return fail(`${j.label} cannot be read: ${errorText(err)}`, `check the disk and the file's permissions; a record from a newer tillpoint needs that version installed`);
  }
  const findings: Finding[] = [];
  if (r.firstInside) {
    const first = r.firstInside;
    const more = r.inside > 1 ? ` (${r.inside} damaged lines in all)` : '';
    findings.push(fail(`${j.label} line ${first.line} (byte ${first.start}) is damaged (${first.reason})${more}: that record is left out of every total`,
      `keep a copy of ${j.label}, then restore it from the last backup taken before the damage (tillpoint restore BACKUP) or have support repair line ${first.line}; never delete the journal`));
  }
  if (r.trailing.length > 0) {
    const first = r.trailing[0]!;
    findings.push(fail(`${j.label}: the last record (line ${first.line}, byte ${first.start}) is complete but damaged (${first.reason}); its sale may have been printed`,
      `at till ${j.till}'s next start it is moved to ${j.label}.rejected and left out of the books: keep that file and re-enter the sale from its slip`));
  }
  if (r.size > r.lineEnd) {
    findings.push(warning(`${j.label}: the last ${r.size - r.lineEnd} bytes (from byte ${r.lineEnd}) are a torn write with no end of line (a crash while writing; that sale never completed)`,
      `nothing to do: till ${j.till}'s next start moves them to ${j.label}.rejected`));
  }
  if (findings.length > 0) return worst(findings, '');
  return ok(`${j.label}: ${r.records} records`);
}

export const journalsCheck: DoctorCheck = {
  id: 'journals',
  title: 'Journals valid (checksums)',
  async run(ctx): Promise<Finding> {
    const files = journalFiles(ctx.dir);
    if (files.length === 0) return ok('no journal yet: nothing has been sold');
    const findings: Finding[] = [];
    for (const j of files) findings.push(await journalFinding(j, ctx));
    const bad = findings.filter((f) => f.status !== 'ok');
    if (bad.length === 0) return ok(`${files.length} journal(s), every line's checksum good: ${findings.map((f) => f.detail.replace(/^journals\//, '')).join(', ')}`);
    return worst(findings, '');
  },
};

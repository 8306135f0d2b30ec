// Shared CSV reading for the import commands: a header row, required and optional columns in any
// order, unknown columns refused, every problem reported with its line number.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { Refusal } from './clock.js';

export interface CsvRow {
  /** Line number in the file (the header is line 1). */
  line: number;
  get(column: string): string;
  /** Whether the file has this column at all. */
  has(column: string): boolean;
}

export function readCsv(text: string, file: string, required: string[], optional: string[]): CsvRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, info: true }) as unknown as typeof records;
  } catch (err) {
    throw new Refusal(`${file}: not valid CSV: ${(err as Error).message}`);
  }
  const [first, ...body] = records;
  const header = first?.record;
  if (!header) throw new Refusal(`${file}: empty file; the first line must be the header ${required.join(',')}`);
  const known = new Set([...required, ...optional]);
  const problems: string[] = [];
  const unknown = header.filter((h) => !known.has(h));
  if (unknown.length) problems.push(`${file}: line 1: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  const missing = required.filter((r) => !header.includes(r));
  if (missing.length) problems.push(`${file}: line 1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  const dup = header.filter((h, i) => header.indexOf(h) !== i);
  if (dup.length) problems.push(`${file}: line 1: column ${dup.join(', ')} given twice`);
  if (problems.length) throw new Refusal(problems[0]!, problems);
  const index = new Map(header.map((h, i) => [h, i]));
  return body.map(({ record, info }) => ({
    line: info.lines,
    get: (column: string) => {
      const at = index.get(column);
      return at === undefined ? '' : (record[at] ?? '');
    },
    has: (column: string) => index.has(column),
  }));
}

export function writeCsv(columns: string[], rows: string[][]): string {
  return stringify([columns, ...rows]);
}

// The same words the Debtor Loyalty tab accepts (engine/loyalty/validate.ts), so a yes/no cell
// means one thing in every file.
const YES = new Set(['yes', 'y', 'true']);
const NO = new Set(['no', 'n', 'false']);

/** A yes/no cell: true, false, undefined when empty (not given), or null when it is neither. */
export function parseYesNo(cell: string): boolean | undefined | null {
  const t = cell.trim().toLowerCase();
  if (t === '') return undefined;
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return null;
}

export function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

/** Throws the Refusal listing every problem (exit 1, nothing changed) when there is any. */
export function refuseIfAny(problems: string[]): void {
  if (problems.length) throw new Refusal(problems[0]!, problems);
}

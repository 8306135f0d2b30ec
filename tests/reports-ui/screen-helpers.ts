// Reading a report screen's frame: the lines of its table between the two rules, without the
// Shell's border, and the page line under them.
import type { Rendered } from '../screens/render.js';
import { PGDN } from '../screens/keys.js';

/** The frame's content lines, the Shell's border and padding taken off. */
export function contentLines(frame: string): string[] {
  return frame.split('\n').map((l) => l.replace(/^│ /, '').replace(/ │$/, '').replace(/\s+$/, ''));
}

const isRule = (l: string) => /^─{20,}$/.test(l);

/** The rows of the table (between the first two rules), selection mark removed. */
export function tableLines(frame: string): string[] {
  const lines = contentLines(frame);
  const first = lines.findIndex(isRule);
  const second = lines.findIndex((l, i) => i > first && isRule(l));
  return lines.slice(first + 1, second).map((l) => l.replace(/\s+>$/, '').replace(/\s+$/, '')).filter((l) => l !== '');
}

/** "Rows 12-22 of 30" -> [12, 22, 30]. */
export function rowsShown(frame: string): [number, number, number] {
  const m = /Rows (\d+)-(\d+) of (\d+)/.exec(frame);
  if (!m) throw new Error(`no page line in:\n${frame}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Each printed value of a row appears in its line, in column order (the last may be cut with ~). */
export function lineHasRow(line: string, values: string[]): boolean {
  let at = 0;
  const shown = values.filter((v) => v !== '');
  for (const [i, v] of shown.entries()) {
    const found = line.indexOf(v, at);
    if (found >= 0) {
      at = found + v.length;
      continue;
    }
    // Only the last column shown may run past the screen's edge.
    if (i !== shown.length - 1) return false;
    const rest = line.slice(at).trimStart();
    return rest.endsWith('~') && v.startsWith(rest.slice(0, -1));
  }
  return true;
}

/** PgDn until the page line changes; returns the new frame. */
export async function nextPage(view: Rendered): Promise<string> {
  const before = rowsShown(view.frame());
  await view.write(PGDN);
  return view.waitFor((f) => /Rows \d+-\d+ of \d+/.test(f) && rowsShown(f)[0] !== before[0]);
}

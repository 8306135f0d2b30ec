// A whole-store restore swaps folders by rename: `<dir>` -> `<dir>.before-restore-<stamp>`, then
// `<dir>.restoring-<stamp>` -> `<dir>`. Cut off between the two, `<dir>` is missing with the
// restored store beside it; opening the store then must not quietly create an empty one.
import fs from 'node:fs';
import path from 'node:path';

/** The name of a `<dir>.restoring-*` folder beside `dir`, or null. */
export function restoreLeftover(dir: string): string | null {
  const base = path.basename(dir);
  try {
    return fs.readdirSync(path.dirname(dir)).find((e) => e.startsWith(`${base}.restoring-`)) ?? null;
  } catch {
    return null;
  }
}

/** What to tell whoever finds `dir` missing while a restore's folder stands beside it. */
export function cutOffRestoreText(dir: string, leftover: string): string {
  const base = path.basename(dir);
  return `${dir} is missing while ${path.join(path.dirname(dir), leftover)} stands beside it: a restore was cut off half-way; rename that folder to ${base} (the restored store) or rename the newest ${base}.before-restore-* back (the store before it)`;
}

// Windowing: which slice of a long list fits the rows we have, keeping the selected row visible.
// Lists never render more rows than the terminal has (a taller frame makes Ink repaint everything).

/**
 * First visible index for `count` rows shown `rows` at a time, moving the previous window as little
 * as possible so the selected row stays in view (the way a till's line list scrolls).
 */
export function windowStart(selected: number, count: number, rows: number, previousStart = 0): number {
  if (rows <= 0 || count <= rows) return 0;
  const maxStart = count - rows;
  const sel = Math.min(Math.max(selected, 0), count - 1);
  let start = Math.min(Math.max(previousStart, 0), maxStart);
  if (sel < start) start = sel;
  if (sel >= start + rows) start = sel - rows + 1;
  return Math.min(Math.max(start, 0), maxStart);
}

/** Visible slice plus where it starts, for lists that render index numbers. */
export function visibleWindow<T>(items: readonly T[], selected: number, rows: number, previousStart = 0):
{ start: number; items: T[] } {
  const start = windowStart(selected, items.length, rows, previousStart);
  return { start, items: items.slice(start, start + Math.max(rows, 0)) };
}

/** Selection moved by `delta` (PgUp/PgDn move by a page), clamped to the list. */
export function moveSelection(selected: number, delta: number, count: number): number {
  if (count <= 0) return 0;
  return Math.min(Math.max(selected + delta, 0), count - 1);
}

/** Scroll offset for read-only text (the slip): clamped so the last page stays full. */
export function clampScroll(offset: number, count: number, rows: number): number {
  return Math.min(Math.max(offset, 0), Math.max(count - rows, 0));
}

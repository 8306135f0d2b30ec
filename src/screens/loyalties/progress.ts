// Text bars: the accrual run's progress and the enquiry's period sales against the four targets.
// Integer arithmetic only (cells of a width), and an ASCII set for terminals without UTF-8.

export interface BarGlyphs {
  filled: string;
  empty: string;
  /** A target's mark on the sales bar, drawn over either fill. */
  mark: string;
}

export function barGlyphs(ascii: boolean): BarGlyphs {
  return ascii ? { filled: '#', empty: '.', mark: '|' } : { filled: '█', empty: '░', mark: '┃' };
}

/** Cells of `width` filled for done of total (a run with nothing to do is complete). */
export function filledCells(done: number, total: number, width: number): number {
  if (width <= 0) return 0;
  if (total <= 0) return width;
  return Math.min(width, Math.floor((Math.max(0, done) * width) / total));
}

export function progressBar(done: number, total: number, width: number, ascii: boolean): string {
  const g = barGlyphs(ascii);
  const n = filledCells(done, total, width);
  return g.filled.repeat(n) + g.empty.repeat(Math.max(0, width - n));
}

/** The top of the sales bar's scale: a quarter beyond the last target, or the sales if more. */
export function salesScale(sales: number, targets: readonly number[]): number {
  const last = targets.length === 0 ? 0 : Math.max(...targets);
  return Math.max(1, Math.ceil((last * 5) / 4), sales);
}

/** The cell a value falls in on a bar of `width` cells over 0..scale. */
export function cellOf(value: number, scale: number, width: number): number {
  if (width <= 0) return 0;
  return Math.max(0, Math.min(width - 1, Math.floor((Math.max(0, value) * width) / Math.max(1, scale))));
}

/** Sales drawn as filled cells with a mark at each target's cell. */
export function salesBar(sales: number, targets: readonly number[], width: number, ascii: boolean): string {
  const g = barGlyphs(ascii);
  const scale = salesScale(sales, targets);
  const n = filledCells(sales, scale, width);
  const cells = Array.from({ length: Math.max(0, width) }, (_, i) => (i < n ? g.filled : g.empty));
  for (const t of targets) cells[cellOf(t, scale, width)] = g.mark;
  return cells.join('');
}

/** Index of the highest target reached (>=), or -1 below the first. */
export function reachedTier(sales: number, targets: readonly number[]): number {
  let reached = -1;
  targets.forEach((t, i) => {
    if (sales >= t) reached = i;
  });
  return reached;
}

// Where a page of a report's rows starts, and the page line under it.

/** The first row shown, so that a page is full whenever there are enough rows. */
export function clampTop(top: number, count: number, page: number): number {
  return Math.max(0, Math.min(top, count - page));
}

export function pageText(top: number, shown: number, count: number): string {
  if (count === 0) return 'Rows 0 of 0';
  return `Rows ${top + 1}-${top + shown} of ${count}`;
}

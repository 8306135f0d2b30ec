// These screens sit six levels deep; at 80 columns the Shell keeps the start of a long breadcrumb
// and cuts the end, which is the one part that says where you are. So the levels nearest the
// Main Menu give way first, replaced by one ellipsis.

/** Columns a breadcrumb may take at 80 columns beside "Back office | operator". */
export const CRUMB_COLUMNS = 56;

export function shortBreadcrumb(path: readonly string[], ellipsis: string, max = CRUMB_COLUMNS): string[] {
  // Every separator (' › ', or ' > ' in ASCII) is three columns; the Shell puts 'Main Menu' first.
  const width = (levels: readonly string[]) => ['Main Menu', ...levels].join(' > ').length;
  if (width(path) <= max) return [...path];
  for (let keep = path.length - 1; keep >= 1; keep -= 1) {
    const short = [ellipsis, ...path.slice(-keep)];
    if (width(short) <= max) return short;
  }
  return [ellipsis, ...path.slice(-1)];
}

// Matching for a master file's Find: the query is split into words, and a row matches when every
// word occurs (case-insensitively) in at least one of the row's searchable texts. "milk 2l" finds
// "Milk 2L"; "600 milk" finds the item whose barcode starts 600 and whose description says milk.

/** The query's words, lower-cased; [] for a blank query (which matches every row). */
export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter((w) => w !== '');
}

export function matchesEveryWord(query: string, texts: readonly string[]): boolean {
  const words = queryWords(query);
  if (words.length === 0) return true;
  const haystack = texts.map((t) => t.toLowerCase());
  return words.every((w) => haystack.some((t) => t.includes(w)));
}

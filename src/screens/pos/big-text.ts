// Large figures for the change (read by the cashier from arm's length), drawn in plain ASCII so they
// work on a Linux console or over SSH without UTF-8. Three rows per figure, seven-segment style.

const GLYPHS: Record<string, [string, string, string]> = {
  '0': [' _ ', '| |', '|_|'],
  '1': ['   ', '  |', '  |'],
  '2': [' _ ', ' _|', '|_ '],
  '3': [' _ ', ' _|', ' _|'],
  '4': ['   ', '|_|', '  |'],
  '5': [' _ ', '|_ ', ' _|'],
  '6': [' _ ', '|_ ', '|_|'],
  '7': [' _ ', '  |', '  |'],
  '8': [' _ ', '|_|', '|_|'],
  '9': [' _ ', '|_|', ' _|'],
  '.': ['  ', '  ', ' o'],
  ',': ['  ', '  ', ' ,'],
  '-': ['   ', ' _ ', '   '],
  ' ': ['  ', '  ', '  '],
};

/**
 * Three text rows spelling `text` in large figures. Characters without a glyph (the currency
 * symbol, letters) are written once, at normal size, on the bottom row, so nothing is dropped.
 */
export function bigText(text: string): [string, string, string] {
  const rows: [string, string, string] = ['', '', ''];
  for (const ch of text) {
    const g = GLYPHS[ch];
    if (g) {
      rows[0] += g[0];
      rows[1] += g[1];
      rows[2] += g[2];
    } else {
      rows[0] += ' ';
      rows[1] += ' ';
      rows[2] += ch;
    }
  }
  return rows;
}

// F1 help wraps long descriptions onto the following lines (never "…"), windowed to the rows the
// overlay has and scrolled with Up/Down/PgUp/PgDn.
import { Text } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { bindingsFor } from '../../../src/screens/keys/bindings.js';
import { helpLines, helpRows, wrapText } from '../../../src/screens/shell/help-overlay.js';
import { Shell } from '../../../src/screens/shell/shell.js';
import { F1, PGDN, UP } from '../keys.js';
import { render, type Rendered } from '../render.js';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
});

/** The help text column of a frame (after the 18-column keys column, inside the border). */
const textColumn = (frame: string) => frame.split('\n').slice(2, 21).map((l) => l.slice(20, -2).trimEnd());

describe('F1 help wraps long text', () => {
  it('wrapText breaks at words and cuts only a word longer than the line', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('abcdefghijk', 4)).toEqual(['abcd', 'efgh', 'ijk']);
    expect(wrapText('', 10)).toEqual(['']);
    const lines = helpLines([{ keys: 'F9', text: 'a b c d e f' }], 18 + 3);
    expect(lines).toEqual([{ keys: 'F9', text: 'a b', row: 0 }, { keys: '', text: 'c d', row: 0 }, { keys: '', text: 'e f', row: 0 }]);
  });

  it('shows every word of every binding of the till, over the pages, and no "…"', async () => {
    view = await render(<Shell scope="pos"><Text>SALE</Text></Shell>);
    await view.write(F1);
    let frame = await view.waitFor('Help: Main Menu (1-');
    expect(frame.split('\n')).toHaveLength(24);
    const seen: string[] = [];
    for (let page = 0; page < 10; page += 1) {
      expect(frame).not.toContain('…');
      seen.push(...textColumn(frame));
      if (!frame.includes('PgDn)') || / of (\d+),/.exec(frame)?.[1] === /-(\d+) of/.exec(frame)?.[1]) break;
      const before = frame;
      await view.write(PGDN);
      frame = await view.waitFor((x) => x !== before);
    }
    const text = seen.join(' ').replace(/\s+/g, ' ');
    for (const r of helpRows('pos')) expect(text, r.text).toContain(r.text.replace(/\s+/g, ' '));
    expect(bindingsFor('pos').length).toBeGreaterThan(10);
    // Up scrolls back a line.
    const last = frame;
    await view.write(UP);
    await view.waitFor((x) => x !== last);
  });
});

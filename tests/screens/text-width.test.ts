import fc from 'fast-check';
import upstream from 'string-width';
import { describe, expect, it } from 'vitest';
import stringWidth from '../../src/screens/text-width.js';

// The characters a till screen shows: ASCII, box drawing, accents, currency, CJK, combining marks, emoji.
const POOL = ['a', 'Z', '0', ' ', '-', '|', '┌', '─', '┐', '│', '└', '┘', '›', '»', '█', '░', 'é', 'ß', 'ñ', '€', '£', '¥', '中', '文', 'ア', 'ｱ', '한', 'e\u0301', '😀', '👍', '👍🏽', '❤️', '✔', '🇿🇦', '👨‍👩‍👧', '\u001b[1m', '\u001b[22m', '\t', '\u200b'];

describe('text width (string-width replacement)', () => {
  it.each([
    ['', 0],
    ['hello', 5],
    ['┌──┐', 4],
    ['Main Menu › Point of Sale', 25],
    ['中文', 4],
    ['e\u0301', 1],
    ['😀', 2],
    ['\u001b[1mbold\u001b[22m', 4],
    ['🇿🇦', 2],
  ])('%j is %i columns', (text, width) => {
    expect(stringWidth(text)).toBe(width);
  });

  it('agrees with string-width on the characters a till shows', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...POOL), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(stringWidth(text)).toBe(upstream(text));
      }),
      { numRuns: 2000 },
    );
  });
});

// Terminal column width of a string; the bundle uses it in place of string-width (esbuild alias,
// see scripts/build.mjs). string-width 8 segments every non-ASCII string with Intl.Segmenter and
// tests it against a /\p{RGI_Emoji}/v regex; compiling those costs ~14 MB at start-up (measured:
// a bordered Ink frame peaks at 87 MB against 74 MB for plain text), which the till's 80 MB
// budget cannot carry. Box drawing, accents, CJK and common emoji are measured the same way.
import { eastAsianWidth } from 'get-east-asian-width';
import stripAnsi from 'strip-ansi';

const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\p{Cc}]/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;

const isSkinTone = (cp: number) => cp >= 0x1f3fb && cp <= 0x1f3ff;
const isRegionalIndicator = (cp: number) => cp >= 0x1f1e6 && cp <= 0x1f1ff;

export interface WidthOptions {
  ambiguousIsNarrow?: boolean;
  countAnsiEscapeCodes?: boolean;
}

export default function stringWidth(input: string, options: WidthOptions = {}): number {
  if (typeof input !== 'string' || input.length === 0) return 0;
  const { ambiguousIsNarrow = true, countAnsiEscapeCodes = false } = options;
  const text = !countAnsiEscapeCodes && (input.includes('\u001b') || input.includes('\u009b')) ? stripAnsi(input) : input;
  if (PRINTABLE_ASCII.test(text)) return text.length;
  const eaw = { ambiguousAsWide: !ambiguousIsNarrow };
  let width = 0;
  let joining = false; // after a zero-width joiner, a pictograph is part of the emoji before it
  let last = { cp: 0, width: 0 };
  let pendingFlag = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x200d) {
      joining = true;
      continue;
    }
    if (joining) {
      joining = false;
      if (PICTOGRAPHIC.test(ch)) continue;
    }
    if (cp === 0xfe0f) {
      // Emoji presentation turns a narrow pictograph (e.g. U+2764) into a two-column emoji.
      if (last.width === 1 && PICTOGRAPHIC.test(String.fromCodePoint(last.cp))) width += 1;
      last = { cp, width: 2 };
      continue;
    }
    if (isSkinTone(cp) && last.width === 2) continue;
    if (isRegionalIndicator(cp)) {
      // Two regional indicators make one flag, two columns.
      if (pendingFlag) {
        pendingFlag = false;
        continue;
      }
      pendingFlag = true;
      width += 2;
      last = { cp, width: 2 };
      continue;
    }
    pendingFlag = false;
    if (ZERO_WIDTH.test(ch)) continue;
    const w = eastAsianWidth(cp, eaw);
    width += w;
    last = { cp, width: w };
  }
  return width;
}

// Fixed-width text layout for slips. Widths count code points, and every helper returns lines no
// longer than the width it is given: a printer wraps a long line into garbage, so we never emit one.

/** Control characters (tabs, newlines, ANSI escapes) would break the columns: make them spaces. */
export function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

export function textWidth(text: string): number {
  return [...text].length;
}

export function truncate(text: string, width: number): string {
  const chars = [...clean(text)];
  return chars.length <= width ? chars.join('') : chars.slice(0, Math.max(0, width)).join('');
}

export function center(text: string, width: number): string {
  const t = truncate(text, width).trim();
  const pad = Math.floor((width - textWidth(t)) / 2);
  return ' '.repeat(Math.max(0, pad)) + t;
}

export function rightAlign(text: string, width: number): string {
  const t = truncate(text, width);
  return ' '.repeat(width - textWidth(t)) + t;
}

export function rule(width: number, char = '-'): string {
  return char.repeat(width);
}

/**
 * `left` and `right` on one line with the gap between them. When they do not fit, the left side is
 * cut (a description), or, with `keepLeft` (it holds an amount), the two go on lines of their own.
 */
export function leftRight(left: string, right: string, width: number, opts: { keepLeft?: boolean } = {}): string[] {
  const r = clean(right);
  const room = width - textWidth(r) - 1;
  const fits = textWidth(clean(left)) <= room;
  if (room < 1 || (!fits && opts.keepLeft)) {
    const lines = left.trim() === '' ? [] : [truncate(left, width)];
    return [...lines, rightAlign(r, width)];
  }
  const l = truncate(left, room);
  return [l + ' '.repeat(width - textWidth(l) - textWidth(r)) + r];
}

/** Word wrap; a word longer than the width is cut into pieces. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of clean(text).split(' ').filter((w) => w !== '')) {
    let rest = word;
    while (textWidth(rest) > width) {
      if (current !== '') {
        lines.push(current);
        current = '';
      }
      const chars = [...rest];
      lines.push(chars.slice(0, width).join(''));
      rest = chars.slice(width).join('');
    }
    if (rest === '') continue;
    if (current === '') current = rest;
    else if (textWidth(current) + 1 + textWidth(rest) <= width) current += ` ${rest}`;
    else {
      lines.push(current);
      current = rest;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

/**
 * "2024-05-01 14:03:22" in the store's time zone. Intl with an explicit zone is pure (no clock); an
 * unknown zone falls back to UTC and says so, rather than failing to print a slip.
 */
export function formatInstant(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions = {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    hourCycle: 'h23',
  };
  let parts: Intl.DateTimeFormatPart[];
  let suffix = '';
  try {
    parts = new Intl.DateTimeFormat('en-GB', { ...opts, timeZone }).formatToParts(date);
  } catch {
    parts = new Intl.DateTimeFormat('en-GB', { ...opts, timeZone: 'UTC' }).formatToParts(date);
    suffix = ' UTC';
  }
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}${suffix}`;
}

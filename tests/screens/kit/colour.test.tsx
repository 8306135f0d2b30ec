import { afterEach, describe, expect, it } from 'vitest';
import { createTheme, detectAscii, detectMono, localeIsUtf8 } from '../../../src/screens/theme.js';

// Ink colours through chalk, which decides its colour level when first imported and ignores
// NO_COLOR; force a level so "no colour codes" below is a real check, then load Ink.
process.env['FORCE_COLOR'] = '1';
const { Text } = await import('ink');
const { Shell } = await import('../../../src/screens/shell/shell.js');
const { render } = await import('../render.js');
type View = Awaited<ReturnType<typeof render>>;

let view: View | undefined;
afterEach(() => view?.unmount());

// Foreground, background and 256/true colour SGR codes; bold/dim/inverse/underline are allowed.
const COLOUR = /\x1b\[(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;

describe('theme detection', () => {
  it('reads the locale like POSIX does and TERM=linux as ASCII', () => {
    expect(localeIsUtf8({ LANG: 'en_ZA.UTF-8' })).toBe(true);
    expect(localeIsUtf8({ LANG: 'C' })).toBe(false);
    expect(localeIsUtf8({ LANG: 'en_ZA.UTF-8', LC_ALL: 'C' })).toBe(false);
    expect(localeIsUtf8({ LANG: 'C', LC_CTYPE: 'C.utf8' })).toBe(true);
    expect(localeIsUtf8({})).toBe(false);
    expect(detectAscii({ LANG: 'C.UTF-8', TERM: 'linux' })).toBe(true);
    expect(detectAscii({ LANG: 'C.UTF-8', TERM: 'xterm' })).toBe(false);
    expect(detectMono({ NO_COLOR: '1' })).toBe(true);
    expect(detectMono({ NO_COLOR: '' })).toBe(false);
    expect(detectMono({ TERM: 'dumb' })).toBe(true);
    const t = createTheme({ env: { LANG: 'C', NO_COLOR: '1' } });
    expect(t.ascii).toBe(true);
    expect(t.color).toBe(false);
    expect(Object.values(t.colors).every((c) => c === undefined)).toBe(true);
    expect(t.hotKeyBrackets).toBe(true);
  });
});

describe('colour codes in frames', () => {
  it('with colour allowed the frame carries colour codes (so the check below can fail)', async () => {
    view = await render(<Shell scope="pos" status={{ text: 'Unknown code', kind: 'error' }}><Text>BODY</Text></Shell>, { theme: { env: { LANG: 'C.UTF-8' } } });
    await view.waitFor('BODY');
    expect(view.rawFrame()).toMatch(COLOUR);
  });

  it('NO_COLOR: no colour codes at all, and the error still has its "!"', async () => {
    view = await render(<Shell scope="pos" status={{ text: 'Unknown code', kind: 'error' }}><Text>BODY</Text></Shell>, { theme: { env: { LANG: 'C.UTF-8', NO_COLOR: '1' } } });
    const f = await view.waitFor('BODY');
    expect(view.frames.join('')).not.toMatch(COLOUR);
    expect(f).toContain('! Unknown code');
  });
});

import { Text } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { hintsFor, keyLabel } from '../../../src/screens/keys/bindings.js';
import { helpRows } from '../../../src/screens/shell/help-overlay.js';
import { layoutHints } from '../../../src/screens/shell/hint-bar.js';
import { Shell, tooSmallText } from '../../../src/screens/shell/shell.js';
import { ESC, F1, F7, PGDN } from '../keys.js';
import { render, type Rendered } from '../render.js';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

const lines = (f: string) => f.split('\n');

describe('<Shell>', () => {
  it('draws the breadcrumb on top, the hints from the table at the bottom, content in between', async () => {
    view = await render(
      <Shell breadcrumb={['Utilities', 'Setup', 'Company Details']} scope="form" status="Saved">
        <Text>BODY</Text>
      </Shell>,
    );
    const f = await view.waitFor('BODY');
    const rows = lines(f);
    expect(rows).toHaveLength(24);
    expect(rows[0]).toContain('Main Menu › Utilities › Setup › Company Details');
    expect(rows[22]).toContain('Saved');
    const bar = rows[23] ?? '';
    for (const h of layoutHints('form', 80)) expect(bar).toContain(`${h.key} ${h.label}`);
    expect(bar).toContain('F1 Help');
    expect(bar).toContain('Esc Cancel'); // scope label of back on a form
    expect(bar).toContain('F10 Accept');
    expect(rows.every((r) => [...r].length <= 80)).toBe(true);
  });

  it('hints are exactly the displayed bindings of the scope that fit', () => {
    const hints = layoutHints('pos', 200).map((h) => h.key);
    expect(hints).toEqual(hintsFor('pos').map((b) => keyLabel(b.keys[0]!)));
    expect(hints).not.toContain('F7'); // reserved, not on screen yet
    const narrow = layoutHints('pos', 80);
    const width = narrow.reduce((n, h, i) => n + h.key.length + 1 + h.label.length + (i ? 2 : 0), 0);
    expect(width).toBeLessThanOrEqual(80);
    expect(narrow[0]).toEqual({ key: 'F1', label: 'Help' });
  });

  it('F1 opens help listing every binding of the scope with its help text; Esc closes it', async () => {
    view = await render(<Shell breadcrumb={['Point of Sale']} scope="pos"><Text>SALE</Text></Shell>, { rows: 40 });
    await view.waitFor('SALE');
    await view.write(F1);
    const f = await view.waitFor('Help: Point of Sale');
    expect(f).not.toContain('SALE');
    for (const r of helpRows('pos')) {
      expect(f).toContain(r.keys);
      expect(f).toContain(r.text.slice(0, 40));
    }
    expect(f).toContain('F5 / Del');
    expect(f).toContain('Shift+F5 / Ctrl+X');
    // A reserved key explains why it does nothing yet; F11 (built) shows its help instead.
    expect(f).toContain('Loyalty: needs Loyalty Plus as the provider');
    expect(f).toContain('Debtor: Attach a debtor');
    await view.write(ESC);
    await view.waitFor((x) => x.includes('SALE') && !x.includes('Help: Point'));
  });

  it('a screen can hide a binding of its scope: gone from the hint bar and from F1 help', async () => {
    view = await render(<Shell breadcrumb={['Setup']} scope="form" hide={['test']}><Text>BODY</Text></Shell>);
    let f = await view.waitFor('BODY');
    const bar = lines(f)[23] ?? '';
    expect(bar).toContain('F10 Accept');
    expect(bar).not.toContain('F8 Test');
    expect(layoutHints('form', 200, ['test']).map((h) => h.key)).not.toContain('F8');
    expect(layoutHints('form', 200).map((h) => h.key)).toContain('F8');
    await view.write(F1);
    f = await view.waitFor('Help: Setup');
    expect(f).toContain('Accept: Save the form');
    expect(f).not.toContain('Test: Test the settings');
    expect(helpRows('form', ['test']).map((r) => r.text)).toEqual(helpRows('form').map((r) => r.text).filter((t) => !t.startsWith('Test:')));
  });

  it('help scrolls when it has more rows than the screen', async () => {
    view = await render(<Shell scope="pos"><Text>SALE</Text></Shell>);
    await view.write(F1);
    const first = await view.waitFor('Help: Main Menu (1-');
    expect(lines(first)).toHaveLength(24);
    await view.write(PGDN);
    await view.waitFor((f) => f !== first && f.includes('of '));
    expect(view.frame()).toContain('Loyalty functions');
  });

  it('a reserved key explains why it is disabled, until the next key', async () => {
    view = await render(<Shell scope="pos"><Text>SALE</Text></Shell>);
    await view.write(F7);
    await view.waitFor('Loyalty: needs Loyalty Plus as the provider');
    await view.write('x');
    await view.waitFor((f) => !f.includes('needs Loyalty Plus'));
  });

  it('below 80x24 shows only the too-small message, and recovers on resize', async () => {
    view = await render(<Shell scope="menu"><Text>BODY</Text></Shell>, { columns: 79, rows: 24 });
    expect(view.frame().trim()).toBe(tooSmallText(79, 24));
    expect(view.frame()).toContain('Terminal too small (needs 80x24, this is 79x24)');
    await view.resize(100, 30);
    const f = await view.waitFor('BODY');
    expect(lines(f)).toHaveLength(30);
    await view.resize(80, 20);
    await view.waitFor('this is 80x20');
    expect(lines(view.frame()).length).toBeLessThanOrEqual(20);
  });

  it('ASCII borders when the locale is not UTF-8 (LANG=C)', async () => {
    view = await render(<Shell breadcrumb={['Ledger']} scope="list"><Text>BODY</Text></Shell>, { theme: { env: { LANG: 'C' } } });
    const f = await view.waitFor('BODY');
    expect(f).toContain('+----');
    expect(f).toContain('|');
    expect(f).toContain('Main Menu > Ledger');
    expect(f).not.toMatch(/[─│┌┐└┘›]/);
  });

  it('box drawing under a UTF-8 locale', async () => {
    view = await render(<Shell scope="list"><Text>BODY</Text></Shell>, { theme: { env: { LANG: 'en_ZA.UTF-8' } } });
    expect(await view.waitFor('BODY')).toMatch(/┌─+┐/);
  });

  it('errors get a "!" mark, not only a colour', async () => {
    view = await render(<Shell scope="form" status={{ text: 'Port must be 1-65535', kind: 'error' }}><Text>BODY</Text></Shell>, { theme: { mono: true } });
    expect(await view.waitFor('BODY')).toContain('! Port must be 1-65535');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { Text } from 'ink';
import type { FieldDef, FormValues } from '../../../src/screens/forms/field-types.js';
import { FLAG_ON } from '../../../src/screens/forms/field-types.js';
import { Form, type FormProps, type SaveResult } from '../../../src/screens/forms/form.js';
import { render, type Rendered } from '../render.js';
import { BACKSPACE, DOWN, ENTER, ESC, F1, F4, F8, F10, LEFT, PGDN, RIGHT, SHIFT_TAB, TAB, ctrl } from '../keys.js';
import { MENU_TEXT, rowWith, tallestFrame } from './harness.js';

const DEFS: FieldDef[] = [
  { key: 'name', label: 'Name', kind: 'text', required: true, maxLength: 40, tab: 'Main' },
  { key: 'price', label: 'Price', kind: 'money', tab: 'Main' },
  { key: 'pin', label: 'PIN', kind: 'secret', tab: 'Main' },
  { key: 'colour', label: 'Colour', kind: 'choice', tab: 'Main', choices: [{ value: 'r', label: 'Red' }, { value: 'g', label: 'Green' }, { value: 'b', label: 'Blue' }] },
  { key: 'shiny', label: 'Shiny', kind: 'flag', tab: 'Main', validate: (v, all) => (v === FLAG_ON && all.colour === 'r' ? 'Shiny: not allowed on Red' : null) },
  { key: 'note', label: 'Note', kind: 'text', tab: 'More' },
];

interface Harness {
  view: Rendered;
  saved: FormValues[];
  outcomes: string[];
}

let view: Rendered | undefined;
afterEach(() => view?.unmount());

async function mount(props: Partial<FormProps> = {}, saveResult: SaveResult = { ok: true }): Promise<Harness> {
  const saved: FormValues[] = [];
  const outcomes: string[] = [];
  const form = (
    <Form
      defs={DEFS}
      initial={{ name: 'Widget', price: '1.50', pin: '1234' }}
      breadcrumb={['Test', 'Widget form']}
      onAccept={(v) => {
        saved.push(v);
        return saveResult;
      }}
      onDone={(o) => outcomes.push(o)}
      {...props}
    />
  );
  view = await render(null, { stack: [{ id: 'm', title: 'Main Menu', render: () => <Text>{MENU_TEXT}</Text> }, { id: 'f', title: 'Form', render: () => form }] });
  return { view, saved, outcomes };
}

describe('Form', () => {
  it('draws the breadcrumb, the tab strip, labelled fields and a masked secret', async () => {
    const { view } = await mount();
    const f = view.frame();
    expect(f).toContain('Test › Widget form');
    expect(f).toContain('[Main] |  More');
    expect(rowWith(f, 'Name')).toContain('Widget');
    expect(rowWith(f, 'Price')).toContain('1.50');
    expect(rowWith(f, 'PIN')).toContain('****');
    expect(f).not.toContain('1234');
    expect(f).toContain('F10 Accept');
  });

  it('a pasted burst lands whole in the text field and is what Accept saves', async () => {
    const { view, saved } = await mount();
    await view.write(ctrl('u'));
    await view.write('Deluxe Widget & Co. 2000');
    await view.waitFor('Deluxe Widget & Co. 2000');
    await view.write(F10);
    await view.waitFor(() => saved.length === 1);
    expect(saved[0]?.name).toBe('Deluxe Widget & Co. 2000');
  });

  it('typing, Tab to leave and keys in one burst are applied in order', async () => {
    const { view, saved } = await mount();
    await view.write(`${BACKSPACE.repeat(6)}Gadget${TAB}${BACKSPACE.repeat(4)}2.75${TAB}`);
    await view.write(F10);
    await view.waitFor(() => saved.length === 1);
    expect(saved[0]).toMatchObject({ name: 'Gadget', price: '2.75' });
  });

  it('refuses a bad value when leaving the field, keeps the focus there and saves nothing on Accept', async () => {
    const { view, saved } = await mount();
    await view.write(`${TAB}${BACKSPACE.repeat(4)}1.234${TAB}`);
    const f = await view.waitFor('! Price:');
    expect(f).toContain('at most 2 decimals');
    // Still on Price: the focus mark and the error mark are on its row.
    expect(rowWith(f, 'Price')).toMatch(/^│ >!/);
    await view.write(F10);
    await view.waitFor('! Price:');
    expect(saved).toHaveLength(0);
  });

  it('cycles a choice with Right, opens its list with Space and picks with Enter', async () => {
    const { view, saved } = await mount();
    await view.write(`${TAB}${TAB}${TAB}`);
    await view.waitFor('< Red >');
    expect(view.frame()).toContain('Left/Right change, Space list');
    await view.write(RIGHT);
    await view.waitFor('< Green >');
    await view.write(' ');
    await view.waitFor((f) => f.includes('> Green') && f.includes('  Blue'));
    await view.write(`${DOWN}${ENTER}`);
    await view.waitFor('< Blue >');
    await view.write(F10);
    await view.waitFor(() => saved.length === 1);
    expect(saved[0]?.colour).toBe('b');
  });

  it('refuses a flag its rule forbids, with the reason, and takes it once allowed', async () => {
    const { view } = await mount();
    await view.write(`${SHIFT_TAB}${SHIFT_TAB}`);
    await view.waitFor((f) => rowWith(f, 'Shiny').startsWith('│ >'));
    await view.write(' ');
    let f = await view.waitFor('! Shiny: not allowed on Red');
    expect(rowWith(f, 'Shiny')).toContain('[ ] No');
    await view.write(`${SHIFT_TAB}${RIGHT}${TAB} `);
    f = await view.waitFor((fr) => rowWith(fr, 'Shiny').includes('[x] Yes'));
    expect(f).not.toContain('! Shiny');
  });

  it('PgDn shows the next tab and only its fields', async () => {
    const { view } = await mount();
    await view.write(PGDN);
    const f = await view.waitFor('[More]');
    expect(f).toContain('Note');
    expect(f).not.toContain('Price');
  });

  it('Esc on a clean form leaves at once', async () => {
    const { view, outcomes } = await mount();
    await view.write(ESC);
    await view.waitFor(() => outcomes.length === 1);
    expect(outcomes).toEqual(['cancelled']);
  });

  it('Esc with edits asks first; n keeps the edits, y discards them', async () => {
    const { view, outcomes, saved } = await mount();
    await view.write('X');
    await view.write(ESC);
    await view.waitFor('Discard changes? (y/n)');
    await view.write('n');
    const f = await view.waitFor((fr) => !fr.includes('Discard changes?'));
    expect(rowWith(f, 'Name')).toContain('WidgetX');
    expect(outcomes).toEqual([]);
    await view.write(ESC);
    await view.waitFor('Discard changes? (y/n)');
    await view.write('y');
    await view.waitFor(() => outcomes.length === 1);
    expect(outcomes).toEqual(['cancelled']);
    expect(saved).toEqual([]);
  });

  it('a refused save shows its message and the form stays with the edits', async () => {
    const { view, outcomes } = await mount({}, { ok: false, message: 'Name: taken by another terminal', field: 'name' });
    await view.write('Y');
    await view.write(F10);
    const f = await view.waitFor('! Name: taken by another terminal');
    expect(rowWith(f, 'Name')).toContain('WidgetY');
    expect(outcomes).toEqual([]);
  });

  it('F8 runs the Test hook and shows its answer; without one it says so', async () => {
    const { view } = await mount({ onTest: (v) => `Test: connected as ${v.name}` });
    await view.write(F8);
    await view.waitFor('Test: connected as Widget');
    view.unmount();
    const plain = await mount();
    await plain.view.write(F8);
    await plain.view.waitFor('Test: this form has nothing to test');
  });

  it('shows F8 Test in the hint bar and help only on a form with a Test', async () => {
    const hintBar = (f: string) => f.split('\n')[23] ?? '';
    const plain = await mount();
    let f = plain.view.frame();
    expect(hintBar(f)).toContain('F10 Accept');
    expect(hintBar(f)).not.toContain('F8');
    await plain.view.write(F1);
    f = await plain.view.waitFor('Help: Widget form');
    expect(f).not.toContain('Test: Test the settings');
    expect(f).toMatch(/F10\s+Accept: Save the form/);
    plain.view.unmount();
    const tested = await mount({ onTest: () => 'ok' });
    f = tested.view.frame();
    expect(hintBar(f)).toContain('F8 Test');
    await tested.view.write(F1);
    f = await tested.view.waitFor('Help: Widget form');
    expect(f).toMatch(/F8\s+Test: Test the settings/);
  });

  it('F1 help lists the field keys: Space, F4 and Left/Right', async () => {
    const { view } = await mount();
    await view.write(F1);
    const f = await view.waitFor('Help: Widget form');
    expect(f).toMatch(/Space\s+Toggle: Open a choice's list \/ switch a flag/);
    expect(f).toMatch(/F4\s+List: Open a choice's list; Enter\/Space picks, Esc closes/);
    expect(f).toMatch(/Left\/Right\s+Change: Previous \/ next choice, or switch a flag/);
  });

  it('F4 opens a choice list, Left goes back a choice, Space in a text field is text', async () => {
    const { view, saved } = await mount();
    await view.write(' ');
    await view.waitFor((f) => rowWith(f, 'Name').includes('Widget '));
    await view.write(`${TAB}${TAB}${TAB}`);
    await view.waitFor('< Red >');
    await view.write(LEFT);
    await view.waitFor('< Blue >');
    await view.write(F4);
    await view.waitFor((f) => f.includes('> Blue') && f.includes('  Red'));
    expect(view.frame()).toContain('Up/Down move, Enter choose, Esc close');
    await view.write(`${DOWN} `); // Space picks in an open list too (wraps or stays: Blue is last)
    await view.waitFor((f) => f.includes('< ') && !f.includes('Enter choose'));
    await view.write(F10);
    await view.waitFor(() => saved.length === 1);
    expect(saved[0]?.name).toBe('Widget ');
  });

  it('a form longer than the screen is windowed and never draws more than 24 rows', async () => {
    const many: FieldDef[] = Array.from({ length: 40 }, (_, i) => ({ key: `f${i}`, label: `Field ${i}`, kind: 'text' }));
    const { view } = await mount({ defs: many, initial: {} });
    expect(view.frame()).toContain('more below');
    await view.write(TAB.repeat(39));
    const f = await view.waitFor((fr) => rowWith(fr, 'Field 39').startsWith('│ >'));
    expect(f).toContain('more above');
    expect(tallestFrame(view)).toBeLessThanOrEqual(24);
  });
});

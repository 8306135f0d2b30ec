import { useRef, useState, type ReactNode } from 'react';
import { Text } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { useKeyHandler, useKeys } from '../../../src/screens/keys/dispatcher.js';
import { createKeyDispatcher } from '../../../src/screens/keys/key-dispatcher.js';
import type { Key } from '../../../src/screens/keys/parse-keys.js';
import { Shell } from '../../../src/screens/shell/shell.js';
import { render, type Rendered } from '../render.js';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

const names = (log: string[]) => log;

describe('key dispatcher core', () => {
  it('offers a key to modal, then screen, then global handlers; true consumes', () => {
    const d = createKeyDispatcher();
    const log: string[] = [];
    const add = (layer: 'modal' | 'screen' | 'global', name: string, consume: (k: Key) => boolean) =>
      d.register(layer, d.nextOrder(), (k) => { log.push(`${name}:${k.ch ?? k.name}`); return consume(k); });
    add('global', 'g', () => true);
    add('screen', 's', (k) => k.ch === 's');
    d.feed('sx');
    expect(names(log)).toEqual(['s:s', 's:x', 'g:x']);
    log.length = 0;
    const off = add('modal', 'm', (k) => k.ch === 'm');
    d.feed('mx');
    // The screen under an open modal hears nothing; global still does.
    expect(log).toEqual(['m:m', 'm:x', 'g:x']);
    off();
    log.length = 0;
    d.feed('s');
    expect(log).toEqual(['s:s']);
  });

  it('within a layer the later ticket wins', () => {
    const d = createKeyDispatcher();
    const log: string[] = [];
    const first = d.nextOrder();
    const second = d.nextOrder();
    // Registered in the opposite order of the tickets: the ticket decides, not the call order.
    d.register('screen', second, () => { log.push('second'); return true; });
    d.register('screen', first, () => { log.push('first'); return true; });
    d.feed('a');
    expect(log).toEqual(['second']);
  });

  it('buffers keys while busy and replays them in order afterwards; Ctrl+C gets through', () => {
    const d = createKeyDispatcher();
    const got: string[] = [];
    d.register('screen', d.nextOrder(), (k) => { got.push(k.ctrl ? `^${k.ch}` : (k.ch ?? k.name)); return true; });
    d.setBusy(true, 'Calling Loyalty Plus');
    expect(d.getBusy()).toEqual({ label: 'Calling Loyalty Plus' });
    d.feed('12');
    d.feed('3\r');
    d.feed('\x03');
    expect(got).toEqual(['^c']);
    d.setBusy(false);
    expect(d.getBusy()).toBeNull();
    expect(got).toEqual(['^c', '1', '2', '3', 'enter']);
  });

  it('overlapping busy spans stay busy until the last ends', () => {
    const d = createKeyDispatcher();
    const got: string[] = [];
    d.register('screen', d.nextOrder(), (k) => { got.push(k.ch ?? ''); return true; });
    const endA = d.beginBusy('A');
    const endB = d.beginBusy('B');
    d.feed('x');
    endA();
    expect(d.getBusy()?.label).toBe('B');
    expect(got).toEqual([]);
    endB();
    expect(got).toEqual(['x']);
  });

  it('a hold taken by a handler keeps the rest of the same chunk waiting', () => {
    const d = createKeyDispatcher();
    const got: string[] = [];
    let release: (() => void) | undefined;
    d.register('screen', d.nextOrder(), (k) => {
      got.push(k.ch ?? k.name);
      if (k.name === 'enter') release = d.hold();
      return true;
    });
    d.feed('a\rbc');
    expect(got).toEqual(['a', 'enter']);
    release?.();
    expect(got).toEqual(['a', 'enter', 'b', 'c']);
  });

  it('releases a lone Esc after the timeout, not at once', async () => {
    const d = createKeyDispatcher({ escTimeoutMs: 30 });
    const got: string[] = [];
    d.register('global', d.nextOrder(), (k) => { got.push(k.name); return true; });
    d.feed('\x1b');
    expect(got).toEqual([]);
    await new Promise((r) => setTimeout(r, 80));
    expect(got).toEqual(['escape']);
    d.feed('\x1b');
    d.feed('[B');
    await new Promise((r) => setTimeout(r, 80));
    expect(got).toEqual(['escape', 'down']);
    d.dispose();
  });

  it('decodes UTF-8 split across byte chunks', () => {
    const d = createKeyDispatcher();
    const got: string[] = [];
    d.register('screen', d.nextOrder(), (k) => { got.push(k.ch ?? ''); return true; });
    const listeners: ((c: string | Buffer) => void)[] = [];
    d.attach({ on: (_e, l) => listeners.push(l), off: () => {} });
    const bytes = Buffer.from('é', 'utf8');
    listeners[0]!(bytes.subarray(0, 1));
    listeners[0]!(bytes.subarray(1));
    expect(got).toEqual(['é']);
  });
});

function Layers({ log }: { log: string[] }): ReactNode {
  const [modal, setModal] = useState(false);
  useKeyHandler((k) => { log.push(`global:${k.ch}`); return true; }, { layer: 'global' });
  useKeyHandler((k) => {
    if (k.ch === 'o') { setModal(true); return true; }
    log.push(`screen:${k.ch}`);
    return k.ch !== 'g';
  }, { layer: 'screen' });
  return (
    <>
      <Text>modal {String(modal)}</Text>
      {modal ? <Modal log={log} close={() => setModal(false)} /> : null}
    </>
  );
}

function Modal({ log, close }: { log: string[]; close: () => void }): ReactNode {
  useKeyHandler((k) => {
    log.push(`modal:${k.ch}`);
    if (k.ch === 'c') close();
    return k.ch !== 'g';
  }, { layer: 'modal' });
  return <Text>MODAL</Text>;
}

describe('useKeyHandler in Ink', () => {
  it('routes by layer and a modal mounted later takes over until it closes', async () => {
    const log: string[] = [];
    view = await render(<Layers log={log} />);
    await view.write('ag');
    expect(log).toEqual(['screen:a', 'screen:g', 'global:g']);
    log.length = 0;
    await view.write('o');
    await view.waitFor('MODAL');
    await view.write('xgc');
    await view.waitFor('modal false');
    await view.write('b');
    expect(log).toEqual(['modal:x', 'modal:g', 'global:g', 'modal:c', 'screen:b']);
  });

  it('the status line shows one spinner while busy and typed keys replay after', async () => {
    const got: string[] = [];
    let finish: () => void = () => {};
    function Busy(): ReactNode {
      const { runBusy } = useKeys();
      const seen = useRef(got);
      useKeyHandler((k) => {
        if (k.name === 'f2') {
          void runBusy('Calling Loyalty Plus', () => new Promise<void>((r) => { finish = r; }));
          return true;
        }
        seen.current.push(k.ch ?? k.name);
        return true;
      }, { layer: 'screen' });
      return <Shell scope="pos"><Text>typed {got.length}</Text></Shell>;
    }
    view = await render(<Busy />);
    await view.write('\x1bOQ');
    const f = await view.waitFor('Calling Loyalty Plus');
    expect(f.split('\n')[22]).toMatch(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Calling Loyalty Plus/);
    await view.write('600\r');
    expect(got).toEqual([]);
    finish();
    await view.waitFor((x) => !x.includes('Calling Loyalty Plus'));
    expect(got).toEqual(['6', '0', '0', 'enter']);
  });
});

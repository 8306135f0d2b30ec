// Shared by the form and setup screen tests: a real store in a temp folder, and a screen mounted
// above a stand-in Main Menu so that leaving the screen (Accept, Esc) is visible.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ReactNode } from 'react';
import { Text } from 'ink';
import { openStore, type Store } from '../../../src/store/index.js';
import type { DocName, Documents } from '../../../src/store/documents-types.js';
import type { AppServices } from '../../../src/screens/app-context.js';
import { render, stripAnsi, type Rendered } from '../render.js';

export const MENU_TEXT = 'STAND-IN MAIN MENU';

export interface TempStore {
  dir: string;
  store: Store;
  /** The document as the file on disk says, not as any process caches it. */
  onDisk<N extends DocName>(name: N): Documents[N];
  cleanup(): void;
}

export async function openTempStore(): Promise<TempStore> {
  const root = mkdtempSync(path.join(tmpdir(), 'tillpoint-forms-'));
  const dir = path.join(root, 'store');
  const store = await openStore(dir, { stderr: false });
  return {
    dir,
    store,
    onDisk: (name) => JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8')),
    cleanup() {
      store.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export function services(store: Store): AppServices {
  return { store, till: null, tillId: 'T1', operator: 'system' };
}

export async function renderScreen(node: ReactNode, store: Store, title = 'Screen'): Promise<Rendered> {
  return render(null, {
    services: services(store),
    stack: [
      { id: 'menu', title: 'Main Menu', render: () => <Text>{MENU_TEXT}</Text> },
      { id: 'screen', title, render: () => node },
    ],
  });
}

/** Every frame written so far fits a 24-row terminal. */
export function tallestFrame(view: Rendered): number {
  return Math.max(...view.frames.map((f) => stripAnsi(f).replace(/\n$/, '').split('\n').length));
}

/** The row of the frame that contains text (for asserting one field's value). */
export function rowWith(frame: string, text: string): string {
  return frame.split('\n').find((l) => l.includes(text)) ?? '';
}

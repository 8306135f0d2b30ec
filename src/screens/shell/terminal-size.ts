// The window size, kept current through the stdout 'resize' event.
//
// Ink repaints on 'resize' itself, but with the layout of the last React commit: when the window
// shrinks, that is one frame taller than the terminal (a full clear and a scroll). So one
// coordinator per stdout takes over the listeners present when it starts (Ink's): on resize it
// tells our hooks first, and runs Ink's handler only after React has committed the new size
// (React flushes that update in a microtask, before setImmediate).
import { createContext, useContext, useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface Size {
  columns: number;
  rows: number;
}

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

function read(stdout: NodeJS.WriteStream): Size {
  // Not a TTY (a pipe): no size to read, so lay out for the minimum.
  return { columns: stdout.columns || MIN_COLUMNS, rows: stdout.rows || MIN_ROWS };
}

type Listener = () => void;

interface Coordinator {
  subscribers: Set<Listener>;
}

const coordinators = new WeakMap<NodeJS.WriteStream, Coordinator>();

function coordinator(stdout: NodeJS.WriteStream): Coordinator {
  let c = coordinators.get(stdout);
  if (c) return c;
  const deferred = stdout.listeners('resize') as Listener[];
  for (const l of deferred) stdout.off('resize', l);
  const created: Coordinator = { subscribers: new Set() };
  stdout.on('resize', () => {
    for (const fn of created.subscribers) fn();
    setImmediate(() => {
      for (const l of deferred) l();
    });
  });
  coordinators.set(stdout, created);
  c = created;
  return c;
}

export function useTerminalSize(): Size {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => read(stdout));
  useEffect(() => {
    const onResize = (): void => {
      const next = read(stdout);
      setSize((prev) => (prev.columns === next.columns && prev.rows === next.rows ? prev : next));
    };
    onResize();
    const { subscribers } = coordinator(stdout);
    subscribers.add(onResize);
    return () => {
      subscribers.delete(onResize);
    };
  }, [stdout]);
  return size;
}

/** Rows and columns the Shell gives its content: lists window themselves to this. */
export const ContentSizeContext = createContext<Size | null>(null);

export function useContentSize(): Size {
  return useContext(ContentSizeContext) ?? { columns: MIN_COLUMNS - 4, rows: MIN_ROWS - 5 };
}

// The one reader of stdin and the priority stack its keys go through (gemini-cli): modal handlers
// first, then the screen's, then global ones; a handler returns true to consume. Kept free of
// React so priority and buffering are tested directly.
import { StringDecoder } from 'node:string_decoder';
import { createKeyParser, ESC_TIMEOUT_MS, type Key } from './parse-keys.js';

export type Layer = 'modal' | 'screen' | 'global';
export type KeyHandler = (key: Key) => boolean;

/** What the dispatcher reads: process.stdin, or any stream of strings or bytes in tests. */
export interface KeyInput {
  on(event: 'data', listener: (chunk: string | Buffer) => void): unknown;
  off(event: 'data', listener: (chunk: string | Buffer) => void): unknown;
  /** Called after the listener is on, so nothing typed at start-up flows past unheard. */
  resume?(): unknown;
}

export interface BusyState {
  label: string;
}

export interface KeyDispatcher {
  /** Resolves once an input is attached (the first screen's handlers are registered by then). */
  readonly ready: Promise<void>;
  /** Starts reading an input; returns the detach function. */
  attach(input: KeyInput): () => void;
  /** Parses raw text as if it came from the input. */
  feed(chunk: string): void;
  /** Queues one parsed key. */
  dispatch(key: Key): void;
  /** Hands a key back to be delivered again before every key still waiting: a handler that used
   * the key only to change screen (the slip's F9) passes it on to the screen it opened. Call it
   * after changing screen, so the key waits for the new screen's handlers (see hold). */
  redeliver(key: Key): void;
  /** A priority ticket: handlers that took a later ticket get keys first within their layer. */
  nextOrder(): number;
  register(layer: Layer, order: number, handler: KeyHandler): () => void;
  /** Buffers keys until the returned release is called (a screen change waits for its handlers). */
  hold(): () => void;
  /** While busy, keys are buffered and replayed afterwards (lazygit); the status line shows label. */
  setBusy(busy: boolean, label?: string): void;
  /** Busy until the returned end is called; several may overlap (the latest label shows). */
  beginBusy(label: string): () => void;
  getBusy(): BusyState | null;
  subscribeBusy(listener: () => void): () => void;
  /** Sees every key before dispatch (e.g. to clear a transient message). */
  observe(listener: (key: Key) => void): () => void;
  dispose(): void;
}

export interface KeyDispatcherOptions {
  escTimeoutMs?: number;
  now?: () => number;
}

interface Entry {
  layer: Layer;
  order: number;
  handler: KeyHandler;
}

const LAYERS: Layer[] = ['modal', 'screen', 'global'];

/** Ctrl+C is never held back: it is the sure way out even while a call hangs. */
const isInterrupt = (key: Key): boolean => key.name === 'char' && key.ctrl && key.ch === 'c';

export function createKeyDispatcher(options: KeyDispatcherOptions = {}): KeyDispatcher {
  const escTimeoutMs = options.escTimeoutMs ?? ESC_TIMEOUT_MS;
  const now = options.now ?? (() => performance.now());
  const parser = createKeyParser({ escTimeoutMs });
  const entries = new Set<Entry>();
  const observers = new Set<(key: Key) => void>();
  const busyListeners = new Set<() => void>();
  const queue: Key[] = [];
  let holds = 0;
  // Busy tokens: the one set by setBusy() plus any from beginBusy(); busy while any is present.
  const busyTokens: { label: string }[] = [];
  let manualBusy: { label: string } | null = null;
  const isBusy = (): boolean => busyTokens.length > 0;
  let draining = false;
  let order = 0;
  let escTimer: NodeJS.Timeout | undefined;
  let resolveReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });

  function deliver(key: Key): void {
    for (const fn of observers) fn(key);
    const active = [...entries];
    const hasModal = active.some((e) => e.layer === 'modal');
    for (const layer of LAYERS) {
      // An open modal owns the keyboard: the screen under it must not see typing meant for it.
      if (layer === 'screen' && hasModal) continue;
      const inLayer = active.filter((e) => e.layer === layer).sort((a, b) => b.order - a.order);
      for (const e of inLayer) {
        if (entries.has(e) && e.handler(key)) return;
      }
    }
  }

  function drain(): void {
    // Handlers may hold, push screens or feed keys themselves; one loop keeps the order.
    if (draining) return;
    draining = true;
    try {
      while (queue.length > 0 && holds === 0 && !isBusy()) deliver(queue.shift() as Key);
    } finally {
      draining = false;
    }
  }

  function enqueue(keys: Key[]): void {
    for (const key of keys) {
      if (isInterrupt(key) && (holds > 0 || isBusy())) deliver(key);
      else queue.push(key);
    }
    drain();
  }

  function armEscTimer(): void {
    if (escTimer) clearTimeout(escTimer);
    escTimer = undefined;
    if (parser.pendingSince() === null) return;
    // A little past the timeout: timers may fire a fraction early against the clock.
    escTimer = setTimeout(() => {
      escTimer = undefined;
      enqueue(parser.flush(now()));
      armEscTimer();
    }, escTimeoutMs + 5);
    // A pending Esc is no reason to keep the process alive.
    escTimer.unref();
  }

  function feed(chunk: string): void {
    enqueue(parser.feed(chunk, now()));
    armEscTimer();
  }

  function notifyBusy(): void {
    for (const fn of busyListeners) fn();
  }

  return {
    ready,
    attach(input) {
      // Bytes may split a UTF-8 character across chunks; the decoder joins them.
      const decoder = new StringDecoder('utf8');
      const onData = (chunk: string | Buffer): void => feed(typeof chunk === 'string' ? chunk : decoder.write(chunk));
      input.on('data', onData);
      input.resume?.();
      resolveReady();
      return () => {
        input.off('data', onData);
      };
    },
    feed,
    dispatch(key) {
      enqueue([key]);
    },
    redeliver(key) {
      queue.unshift(key);
      drain();
    },
    nextOrder() {
      order += 1;
      return order;
    },
    register(layer, ticket, handler) {
      const entry: Entry = { layer, order: ticket, handler };
      entries.add(entry);
      return () => {
        entries.delete(entry);
      };
    },
    hold() {
      holds += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holds -= 1;
        drain();
      };
    },
    setBusy(on, label = 'Working') {
      if (manualBusy) busyTokens.splice(busyTokens.indexOf(manualBusy), 1);
      manualBusy = on ? { label } : null;
      if (manualBusy) busyTokens.push(manualBusy);
      notifyBusy();
      drain();
    },
    beginBusy(label) {
      const token = { label };
      busyTokens.push(token);
      notifyBusy();
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        busyTokens.splice(busyTokens.indexOf(token), 1);
        notifyBusy();
        drain();
      };
    },
    getBusy() {
      // A stable object per state, as useSyncExternalStore requires.
      return busyTokens[busyTokens.length - 1] ?? null;
    },
    subscribeBusy(listener) {
      busyListeners.add(listener);
      return () => {
        busyListeners.delete(listener);
      };
    },
    observe(listener) {
      observers.add(listener);
      return () => {
        observers.delete(listener);
      };
    },
    dispose() {
      if (escTimer) clearTimeout(escTimer);
      escTimer = undefined;
      entries.clear();
      queue.length = 0;
    },
  };
}

// The frame of every screen: breadcrumb on top, content sized to exactly the rows left, a status
// line and the key-hint bar at the bottom. A frame taller than the terminal makes Ink clear and
// repaint on every update (flicker), so the root box is exactly the window's size.
import { useContext, useEffect, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { AppContext, AppOverlayContext, AppOverlayScopeContext, NavigationContext } from '../app-context.js';
import { commandFor, matches, type Command, type Scope } from '../keys/bindings.js';
import { useDispatcher, useKeyHandler, useKeys } from '../keys/dispatcher.js';
import { NOBODY } from '../../store/operators/session.js';
import { useOperatorLabel } from '../operators/gate.js';
import { truncate, useTheme } from '../theme.js';
import { HelpOverlay } from './help-overlay.js';
import { HintBar } from './hint-bar.js';
import { StatusLine, type StatusMessage } from './status-line.js';
import { ContentSizeContext, MIN_COLUMNS, MIN_ROWS, useTerminalSize } from './terminal-size.js';

export interface ShellProps {
  /** Path below the Main Menu, e.g. ['Utilities', 'Setup', 'Company Details']. Default: the
   * titles of the screen stack. */
  breadcrumb?: string[];
  scope: Scope;
  /** Commands of the scope this screen does not have (a form without a Test): left out of the
   * hint bar and F1 help, so neither offers a key that does nothing here. */
  hide?: readonly Command[] | undefined;
  /** Reserved commands (with a disabledReason) that this screen has: their keys reach it and help shows what they do. */
  enable?: readonly Command[] | undefined;
  /** A message for the status line; a string is info, { kind: 'error' } gets the `!` mark. */
  status?: string | StatusMessage | undefined;
  /** A dialog of the screen's own, drawn in place of the content (the content stays mounted). */
  overlay?: ReactNode;
  /** A call of the screen's own that keys must be able to cancel (the dispatcher's busy state
   * buffers Esc too): its spinner label, shown like the app's. */
  busy?: string | undefined;
  /** A short state shown left of the till and operator (the till's "LP online"). */
  aside?: string | undefined;
  children?: ReactNode;
}

/** Rows the Shell itself takes: breadcrumb, two border lines, status line, hint bar. */
export const SHELL_CHROME_ROWS = 5;
/** Columns it takes: two border columns and one padding column each side. */
export const SHELL_CHROME_COLUMNS = 4;

const NONE: readonly Command[] = [];

export function tooSmallText(columns: number, rows: number): string {
  return `Terminal too small (needs ${MIN_COLUMNS}x${MIN_ROWS}, this is ${columns}x${rows})`;
}

export function Shell({ breadcrumb, scope, hide = NONE, enable = NONE, status, overlay, busy: ownBusy, aside, children }: ShellProps): ReactNode {
  const theme = useTheme();
  const { columns, rows } = useTerminalSize();
  const nav = useContext(NavigationContext);
  const app = useContext(AppContext);
  const appOverlay = useContext(AppOverlayContext);
  const overlayScope = useContext(AppOverlayScopeContext);
  const { busy } = useKeys();
  const dispatcher = useDispatcher();
  const [helpOpen, setHelpOpen] = useState(false);
  const [notice, setNotice] = useState<StatusMessage | undefined>(undefined);
  const operator = useOperatorLabel(app?.session);

  // A notice (a disabled key's reason) lasts until the next key.
  useEffect(() => dispatcher.observe(() => setNotice(undefined)), [dispatcher]);

  useKeyHandler((key) => {
    if (matches(key, 'help')) {
      setHelpOpen(true);
      return true;
    }
    if (matches(key, 'lock')) {
      const session = app?.session;
      if (session?.current() && !session.locked()) session.lock();
      else setNotice({ text: session?.required() ? 'Lock: nobody is logged in' : 'Lock: this store has no operators (Utilities > Setup > Operators)', kind: 'info' });
      return true;
    }
    const b = commandFor(key, scope);
    if (b?.disabledReason && !hide.includes(b.command) && !enable.includes(b.command)) {
      setNotice({ text: b.disabledReason, kind: 'info' });
      return true;
    }
    return false;
  }, { layer: 'global' });

  const path = breadcrumb ?? nav?.titles.slice(1) ?? [];
  const title = path[path.length - 1] ?? 'Main Menu';

  const small = columns < MIN_COLUMNS || rows < MIN_ROWS;
  const inner = { rows: rows - SHELL_CHROME_ROWS, columns: columns - SHELL_CHROME_COLUMNS };
  const crumb = ['Main Menu', ...path].join(` ${theme.marks.separator} `);
  const who = [aside, app ? `${app.till ? `Till ${app.tillId}` : 'Back office'} | ${operator ?? (app.session?.code() === NOBODY ? 'not logged in' : app.session?.code() ?? app.operator)}` : undefined].filter(Boolean).join(' | ');
  const crumbWidth = columns - (who ? who.length + 2 : 0);
  const message = typeof status === 'string' ? { text: status, kind: 'info' as const } : status;
  let body: ReactNode = null;
  if (helpOpen) body = <HelpOverlay scope={scope} hide={hide} enable={enable} title={title} rows={inner.rows} columns={inner.columns} onClose={() => setHelpOpen(false)} />;
  else if (appOverlay) body = appOverlay;
  else if (overlay) body = overlay;

  // One tree for both sizes, with `display` always given: the children keep their place (so they
  // stay mounted below 80x24 and a scan typed meanwhile still lands in the sale), and no Box keeps
  // a stale display:none. Ink only applies style keys that changed, and a `display` prop that goes
  // away leaves Yoga's display:none in place: the breadcrumb row once vanished that way after
  // "Terminal too small", shifting the frame up a row.
  const shown = small ? 'none' : 'flex';
  return (
    <Box flexDirection="column" width={columns} height={rows} overflow="hidden">
      {small ? <Text wrap="wrap">{tooSmallText(columns, rows)}</Text> : null}
      <Box display={shown} height={1} width={columns}>
        <Box flexGrow={1}>
          <Text bold wrap="truncate">{truncate(crumb, Math.max(crumbWidth, 1), theme)}</Text>
        </Box>
        {who ? <Text color={theme.colors.muted}>{who}</Text> : null}
      </Box>
      <Box display={shown} borderStyle={theme.border} borderColor={theme.colors.muted} paddingX={1} height={Math.max(inner.rows, 0) + 2} width={columns} flexDirection="column" overflow="hidden">
        <ContentSizeContext.Provider value={inner}>
          <Box display={body ? 'none' : 'flex'} flexDirection="column" height={Math.max(inner.rows, 0)} width={Math.max(inner.columns, 0)} overflow="hidden">
            {children}
          </Box>
          {body ? (
            <Box display="flex" flexDirection="column" height={Math.max(inner.rows, 0)} width={Math.max(inner.columns, 0)} overflow="hidden">
              {body}
            </Box>
          ) : null}
        </ContentSizeContext.Provider>
      </Box>
      {small ? null : <StatusLine width={columns} message={notice ?? message} busyLabel={busy?.label ?? ownBusy} />}
      {small ? null : !helpOpen && appOverlay ? <HintBar scope={overlayScope} width={columns} /> : <HintBar scope={scope} hide={hide} width={columns} />}
    </Box>
  );
}

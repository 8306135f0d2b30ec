// The content area the Shell will give a screen, known before the Shell renders: a screen that
// renders its own Shell sits outside the Shell's ContentSizeContext, so useContentSize() there
// only ever returns the 80x24 default and a wider or taller terminal would go unused.
import { SHELL_CHROME_COLUMNS, SHELL_CHROME_ROWS } from '../shell/shell.js';
import { useTerminalSize } from '../shell/terminal-size.js';

export function useScreenContentSize(): { rows: number; columns: number } {
  const { rows, columns } = useTerminalSize();
  return { rows: Math.max(1, rows - SHELL_CHROME_ROWS), columns: Math.max(1, columns - SHELL_CHROME_COLUMNS) };
}

// Key sequences the end-to-end tests share at the real till.
import type { TmuxSession } from './tmux.js';

/** Ctrl+X, y: abandons the open sale, then Esc to the Main Menu (Point of Sale selected). */
export async function abandonSaleToMenu(session: TmuxSession): Promise<void> {
  session.keys('C-x');
  await session.waitFor('y Yes');
  session.keys('y');
  await session.waitFor('Sale abandoned');
  session.keys('Escape');
  await session.waitFor('> Point of Sale');
}

// Everything under the key layer: theme, services and the screen stack. runApp and the test
// render helper both mount this, so tests drive the same tree the till runs.
import type { ReactNode } from 'react';
import { AppContext, type AppServices, type ScreenEntry } from '../app-context.js';
import { ThemeContext, type Theme } from '../theme.js';
import { Navigator } from './navigator.js';

export interface AppRootProps {
  services: AppServices;
  /** Bottom first; the bottom screen (the Main Menu) cannot be popped. */
  initial: ScreenEntry[];
  theme: Theme;
  onQuit(): void;
}

export function AppRoot({ services, initial, theme, onQuit }: AppRootProps): ReactNode {
  return (
    <ThemeContext.Provider value={theme}>
      <AppContext.Provider value={services}>
        <Navigator initial={initial} onQuit={onQuit} />
      </AppContext.Provider>
    </ThemeContext.Provider>
  );
}

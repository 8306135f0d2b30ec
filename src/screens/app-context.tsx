// What every screen can reach: the services (store, till session) and the screen stack.
// Implemented by shell/navigator.tsx and shell/app-root.tsx; screens only use the hooks.
import { createContext, useContext, type ReactNode } from 'react';
import type { Store } from '../store/index.js';
import type { TillSessionApi } from '../store/till-types.js';
import type { AccrueProgress, AccrueRequest, AccrueResult } from '../store/back-office-types.js';
import type { LoyaltyPlusServices } from '../integrations/loyaltyplus/services.js';
import type { JobRunner } from '../jobs/types.js';
import type { OperatorSession } from '../store/operators/session.js';
import type { Scope } from './keys/bindings.js';

/** The till process's scheduled jobs as screens see them (src/jobs/automation-jobs.ts provides it). */
export interface AutomationServices {
  /** The job runner in use now (replaced when the automation events change); null until it starts. */
  runner(): JobRunner | null;
  /** Called when the runner's state changes, when it is replaced, and every few seconds. */
  onChange(listener: () => void): () => void;
  /** Looks at automation.json now, after a screen saved it, so the schedules follow at once. */
  refresh(): Promise<void>;
}

export interface AppServices {
  store: Store;
  /** The till session, or null in a back-office session (no --till). */
  till: TillSessionApi | null;
  tillId: string;
  operator: string;
  /**
   * Runs Accrue Loyalties off the screen's thread (a worker). Absent in tests and one-shot
   * sessions: screens then call backOffice(store).accrue in this thread.
   */
  accrue?: (req: AccrueRequest, onProgress: (p: AccrueProgress) => void) => Promise<AccrueResult>;
  /**
   * Who is at this process (login, idle lock, the operator on every record). Absent in tests and
   * sessions that do not set it: screens then act as `system`, as in a store with no operators.
   */
  session?: OperatorSession;
  /** Present while Loyalty Plus is the loyalty provider (loaded only then). */
  loyaltyPlus?: LoyaltyPlusServices;
  /**
   * The scheduled jobs of a long-running UI process. Absent in tests and one-shot sessions: the
   * Automation screen then lists and edits events but cannot run them.
   */
  automation?: AutomationServices;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp() needs <AppContext.Provider> (runApp and the test render helper provide it)');
  return app;
}

export interface ScreenEntry {
  /** Stable id (e.g. 'setup.company-details'); also the React key of the screen. */
  id: string;
  /** Shown in the breadcrumb. */
  title: string;
  render: () => ReactNode;
}

export interface Navigation {
  push(screen: ScreenEntry): void;
  /** Leaves the top screen; the bottom screen (the Main Menu) is never popped. */
  pop(): void;
  replace(screen: ScreenEntry): void;
  depth: number;
  /** Titles of the screens below and including the top one, bottom first (for breadcrumbs). */
  titles: string[];
  /** Quits the app; asks first when the till has an open sale. */
  quit(): void;
}

export const NavigationContext = createContext<Navigation | null>(null);

export function useNavigation(): Navigation {
  const nav = useContext(NavigationContext);
  if (!nav) throw new Error('useNavigation() needs the app root (runApp or the test render helper)');
  return nav;
}

export interface ConfirmRequest {
  title: string;
  message: string;
  /** Hint text for y (default "Yes"). */
  yesLabel?: string;
  /** Hint text for n / Esc (default "No"). */
  noLabel?: string;
}

/** Asks a yes/no question in a modal dialog; resolves true for y, false for n or Esc. */
export type Confirm = (request: ConfirmRequest) => Promise<boolean>;

export const ConfirmContext = createContext<Confirm | null>(null);

export function useConfirm(): Confirm {
  const confirm = useContext(ConfirmContext);
  if (!confirm) throw new Error('useConfirm() needs the app root (runApp or the test render helper)');
  return confirm;
}

/** The app-level dialog (a confirm) that the top screen's Shell draws in place of its content. */
export const AppOverlayContext = createContext<ReactNode>(null);

/** The key scope of that dialog, for the hint bar: a confirm's y/n, or the override dialog's keys. */
export const AppOverlayScopeContext = createContext<Scope>('dialog');

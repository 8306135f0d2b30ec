// The hook every guarded key goes through (issue 6): resolves { allowed: true } at once when the
// operator at this process may do the action (or the store has no operators, or the process acts
// as `system`), otherwise asks for a supervisor's or manager's override in a dialog. The override
// itself is recorded by approveOverride with both operators; the screen passes approvedBy on to
// the store call, which writes the action's own audit line.
import { useCallback, useContext } from 'react';
import { SYSTEM_OPERATOR, type GuardedAction } from '../../../engine/roles.js';
import { mayDo } from '../../../store/operators/guard.js';
import { AppContext } from '../../app-context.js';
import { useDispatcher } from '../../keys/dispatcher.js';
import { GuardContext, type Guard, type GuardOutcome } from './guard-types.js';

export type { Guard, GuardOutcome } from './guard-types.js';

/** Who is acting at this process: the session's operator, else the services' (`system` at a real till). */
export function useActingOperator(): string {
  const app = useContext(AppContext);
  return app?.session?.code() ?? app?.operator ?? SYSTEM_OPERATOR;
}

export function useGuard(): Guard {
  const app = useContext(AppContext);
  const ask = useContext(GuardContext);
  const dispatcher = useDispatcher();
  return useCallback<Guard>((action: GuardedAction, ref?: string): Promise<GuardOutcome> => {
    const asking = app?.session?.code() ?? SYSTEM_OPERATOR;
    if (!app || mayDo(app.store, action, asking)) {
      // Keys after this one wait until the screen has acted on the answer (an await away), as
      // they would after an action done at once.
      const release = dispatcher.hold();
      setImmediate(release);
      return Promise.resolve({ allowed: true });
    }
    if (!ask) return Promise.reject(new Error('useGuard() needs the app root (runApp or the test render helper) to ask for an override'));
    return ask({ action, asking, ...(ref ? { ref } : {}) });
  }, [app, ask, dispatcher]);
}

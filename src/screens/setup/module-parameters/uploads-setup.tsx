// Module Parameters > Services > LoyaltyPlus Loyalty Uploads: the FTP Setup tab. F2 opens the FTP
// Servers list, the Account Name is chosen from it, Upload Path says where the files go, F3 sets
// up the automation event. F10 Accept writes the account and path (only what changed here, re-read
// under the store lock) and leaves; Esc leaves without saving, asking first when there are edits.
//
// The kit's Form, with two differences that it cannot take as props: the account's choices follow
// the FTP Servers list while this screen is open (servers are added on the screen above it), and
// F2/F3 need the form's current values (the servers' Test writes into the Upload Path typed here,
// saved or not). So this screen drives the form's reducer and rows itself.
import { useContext, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { LOYALTY_PLUS_SALES_EVENT } from '../../../store/automation-types.js';
import { automationEvents, ensureLoyaltyPlusSalesEvent } from '../../../store/automation.js';
import { uploadsSettingsOf } from '../../../store/uploads-settings.js';
import { useApp, useConfirm, useNavigation } from '../../app-context.js';
import { refusalAt } from '../../forms/field-error.js';
import type { FieldDef, FormValues } from '../../forms/field-types.js';
import { errorText, type SaveResult } from '../../forms/form.js';
import { formKeyIntent } from '../../forms/form-keys.js';
import { FormRows } from '../../forms/form-rows.js';
import { formReducer, initFormState, type FormAction, type FormState } from '../../forms/form-state.js';
import { createEntryBuffer, type EntryBuffer } from '../../input/entry-buffer.js';
import { BINDINGS, matches, type Command } from '../../keys/bindings.js';
import { ScreenActiveContext, useKeyHandler, useKeys } from '../../keys/dispatcher.js';
import { Shell } from '../../shell/shell.js';
import { useContentSize } from '../../shell/terminal-size.js';
import { useTheme } from '../../theme.js';
import { shortBreadcrumb } from './breadcrumb.js';
import { FtpServersScreen } from './ftp-servers.js';
import type { TestAccount } from './sftp-test-text.js';
import { applyUploads, UPLOADS_FIELD_PATHS, UPLOADS_LABEL_WIDTH, UPLOADS_KEYS, uploadsFields, uploadsNotes, uploadsValues, type UploadsView } from './uploads-fields.js';
import { applyEditIntent } from '../../forms/edit-intent.js';

export const UPLOADS_BREADCRUMB = ['Utilities', 'Setup', 'Module Parameters', 'LoyaltyPlus Loyalty Uploads'];

const FORM_OWN = new Set<Command>(['accept', 'nextField', 'prevField', 'nextTab', 'prevTab', 'toggle', 'openList', 'cycleChoice', 'ftpServers', 'setupEvents']);
/** No Test here (each server has its own) and no other form's commands. */
const HIDDEN: readonly Command[] = BINDINGS.filter((b) => b.scopes.includes('form') && !FORM_OWN.has(b.command)).map((b) => b.command);

export interface UploadsSetupProps {
  /** The transport's testAccount for the servers' Test; tests leave it out (the real one). */
  test?: TestAccount;
  now?: () => Date;
}

/** The form reducer with the field table of the moment (the account's choices change). */
function useLiveForm(defs: readonly FieldDef[], initial: () => FormValues) {
  const defsRef = useRef(defs);
  defsRef.current = defs;
  const [box] = useState(() => {
    let state = initFormState(defs, initial());
    const listeners = new Set<() => void>();
    return {
      getState: (): FormState => state,
      dispatch(action: FormAction): FormState {
        const next = formReducer({ ...state, defs: defsRef.current }, action);
        if (next !== state) {
          state = next;
          for (const l of [...listeners]) l();
        }
        return state;
      },
      subscribe(listener: () => void): () => void {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
  });
  const state = useSyncExternalStore(box.subscribe, box.getState, box.getState);
  return { box, state };
}

export function UploadsSetupScreen({ test, now = () => new Date() }: UploadsSetupProps = {}): ReactNode {
  const { store } = useApp();
  const nav = useNavigation();
  const confirm = useConfirm();
  const { runBusy } = useKeys();
  const { rows, columns } = useContentSize();
  const { ellipsis } = useTheme().marks;
  // Read again whenever this screen is back on top: the FTP Servers list may have changed.
  useContext(ScreenActiveContext);
  const settings = store.get('settings');
  const view: UploadsView = {
    names: uploadsSettingsOf(settings).servers.map((s) => s.name),
    eventSet: automationEvents(store).some((e) => e.name === LOYALTY_PLUS_SALES_EVENT),
  };
  const defs = uploadsFields(view);
  const [opened] = useState(() => uploadsValues(settings, view));
  const { box, state } = useLiveForm(defs, () => opened);
  const [buffers] = useState(() => new Map<string, EntryBuffer>([[UPLOADS_KEYS.uploadPath, createEntryBuffer(opened[UPLOADS_KEYS.uploadPath] ?? '')]]));
  const crumb = shortBreadcrumb(UPLOADS_BREADCRUMB, ellipsis);

  async function save(values: FormValues): Promise<void> {
    let result: SaveResult;
    try {
      await runBusy('Saving', () => store.edit('settings', (draft) => applyUploads(draft, values, opened)));
      result = { ok: true };
    } catch (e) {
      result = refusalAt(e, UPLOADS_FIELD_PATHS);
    }
    if (result.ok) {
      box.dispatch({ type: 'saved' });
      nav.pop();
    } else {
      box.dispatch(result.field === undefined ? { type: 'saveFailed', message: result.message } : { type: 'saveFailed', message: result.message, field: result.field });
    }
  }

  function openServers(): void {
    nav.push({
      id: 'setup.loyalty-uploads.ftp-servers',
      title: 'FTP Servers',
      render: () => (
        <FtpServersScreen breadcrumb={[...UPLOADS_BREADCRUMB, 'FTP Servers']} uploadPath={() => (box.getState().values[UPLOADS_KEYS.uploadPath] ?? '').trim()} test={test} />
      ),
    });
  }

  async function setupEvents(): Promise<void> {
    try {
      const { created, event } = await runBusy('Setting up automation events', () => ensureLoyaltyPlusSalesEvent(store, now()));
      const text = created
        ? `Created ${event.name} (schedule ${event.cron}, enabled): Utilities > Automation shows it`
        : `${event.name} is already set up (schedule ${event.cron}, ${event.enabled ? 'enabled' : 'disabled'}): left as it is`;
      box.dispatch({ type: 'status', message: text });
    } catch (e) {
      box.dispatch({ type: 'status', message: `Setup Automation Events: ${errorText(e)}`, kind: 'error' });
    }
  }

  function askDiscard(): void {
    void confirm({ title: 'Discard changes? (y/n)', message: 'This form has edits that are not saved.', yesLabel: 'Discard them', noLabel: 'Keep editing' })
      .then((yes) => {
        if (box.dispatch({ type: 'confirmDiscard', discard: yes }).phase === 'cancelled') nav.pop();
      });
  }

  useKeyHandler((key) => {
    const s = box.getState();
    const free = s.phase === 'editing' && s.listIndex === null;
    if (free && matches(key, 'ftpServers')) {
      openServers();
      return true;
    }
    if (free && matches(key, 'setupEvents')) {
      void setupEvents();
      return true;
    }
    const intent = formKeyIntent({ ...s, defs }, key, false);
    switch (intent.kind) {
      case 'pass':
        return false;
      case 'swallow':
      case 'test':
        return true;
      case 'action':
      case 'entry':
        return applyEditIntent(intent, key, s, buffers, (a) => box.dispatch(a));
      case 'accept': {
        const next = box.dispatch({ type: 'accept' });
        if (next.phase === 'saving') void save(next.values);
        return true;
      }
      case 'cancel': {
        const next = box.dispatch({ type: 'cancel' });
        if (next.phase === 'cancelled') nav.pop();
        else if (next.phase === 'confirm-discard') askDiscard();
        return true;
      }
    }
  }, { layer: 'screen' });

  const status = state.status === null ? undefined : { text: state.status, kind: state.statusKind };
  const shown: FormState = { ...state, defs, values: { ...state.values, ...uploadsNotes(view) } };
  return (
    <Shell breadcrumb={crumb} scope="form" hide={HIDDEN} status={status}>
      <FormRows state={shown} buffers={buffers} rows={rows} columns={columns} labelWidth={UPLOADS_LABEL_WIDTH} />
    </Shell>
  );
}

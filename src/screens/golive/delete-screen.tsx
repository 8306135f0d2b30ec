// Utilities > Data > Delete Loyalty tables: manager only (in a store with no operators the manager
// PIN, as Update Loyalties Accrued asks it; once operators exist the manager role, or a manager's
// override asked on opening, and the approver goes with the delete). Lists the backups and whether each is exactly the
// current data; with a matching one picked, the write-off account and the typed phrase, the store
// logic archives the tables, starts a new, empty loyalty book and writes the liability off.
// Refusals show at their field or on the status line; nothing is deleted then.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useStep } from './use-step.js';
import { Box, Text } from 'ink';
import { loyaltySettingsOf } from '../../store/index.js';
import { verifyPin } from '../../store/manager-pin.js';
import { operatorsRequired } from '../../store/operators/auth.js';
import { useApp } from '../app-context.js';
import { useActingOperator, useGuard } from '../operators/guard/use-guard.js';
import type { FormValues } from '../forms/field-types.js';
import { createEntryBuffer } from '../input/entry-buffer.js';
import { EntryField } from '../input/entry-field.js';
import { useEntryField } from '../input/use-entry-field.js';
import { matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { ACTION_FORM_HIDE, ActionFormView, createActionForm, formStatus, type ActionForm } from '../loyalties/action-form.js';
import { errorText, fit, localStamp, money, moneyFormatOf } from '../loyalties/format.js';
import { useScreenContentSize } from '../loyalties/content-size.js';
import { Shell } from '../shell/shell.js';
import type { StatusMessage } from '../shell/status-line.js';
import { truncate, useTheme } from '../theme.js';
import { DELETE_KEYS, deleteFields, deleteInitial, fieldOfDeleteRefusal, isBackupRefusal } from './delete-fields.js';
import { backupChoices, CONFIRM_PHRASE, liabilityNow, runDelete, shownDir, type BackupChoice, type DeleteDone } from './tables-api.js';

export const DELETE_BREADCRUMB = ['Utilities', 'Data', 'Delete Loyalty tables'];
export const DELETE_WRONG_PIN = 'Wrong manager PIN: nothing was deleted';
export const DELETE_NO_PIN = 'No manager PIN is set (Utilities > Setup > Loyalty Setup): nothing can be deleted';
export const DELETE_WORKING_TEXT = 'Working...: archiving the loyalty tables';
export const NOT_MATCHING_TEXT = 'That backup is not exactly the current data: make a new backup first';

type Step =
  | { kind: 'pin'; error?: string }
  | { kind: 'approve'; error?: string }
  | { kind: 'pick'; backups: BackupChoice[] }
  | { kind: 'form'; backup: BackupChoice; liability: number; form: ActionForm }
  | { kind: 'running'; backup: BackupChoice; liability: number; form: ActionForm }
  | { kind: 'done'; result: DeleteDone };

/** Rows of the pick step around the list: title, header, rows line, keys line. */
const PICK_CHROME = 4;

export function DeleteLoyaltyTablesScreen(): ReactNode {
  const { store } = useApp();
  const operator = useActingOperator();
  const theme = useTheme();
  const { rows, columns } = useScreenContentSize();
  const fmt = moneyFormatOf(store);
  const tz = store.get('settings').company.timeZone;
  const [pin] = useState(() => createEntryBuffer());
  // Read once: a store that gets its first operator while this is open keeps the step it started with.
  const [withRoles] = useState(() => operatorsRequired(store));
  const { step, stepRef, setStep, mounted } = useStep<Step>(withRoles ? { kind: 'approve' } : { kind: 'pin' });
  const guard = useGuard();
  const approvedBy = useRef<string | undefined>(undefined);
  const selRef = useRef(0);
  const [, setSel] = useState(0);
  const [notice, setNotice] = useState<StatusMessage | undefined>(undefined);
  const listRows = Math.max(1, rows - PICK_CHROME);
  // The form's status line follows the form of the step (made anew for each backup picked).
  const currentForm = step.kind === 'form' || step.kind === 'running' ? step.form : null;
  const subscribe = useCallback((l: () => void) => (currentForm ? currentForm.subscribe(l) : () => undefined), [currentForm]);
  const formState = useSyncExternalStore(subscribe, () => currentForm?.getState() ?? null);

  function listBackups(): void {
    try {
      const backups = backupChoices(store);
      selRef.current = Math.max(0, backups.findIndex((b) => b.matchesCurrent));
      setSel(selRef.current);
      setStep({ kind: 'pick', backups });
      setNotice(backups.length === 0 ? { text: 'There is no backup: make one with Backup Loyalty tables first', kind: 'error' } : undefined);
    } catch (e) {
      setStep({ kind: 'pick', backups: [] });
      setNotice({ text: `The backups could not be read: ${errorText(e)}`, kind: 'error' });
    }
  }

  function pick(backup: BackupChoice): void {
    if (!backup.matchesCurrent) {
      setNotice({ text: NOT_MATCHING_TEXT, kind: 'error' });
      return;
    }
    let liability = 0;
    try {
      liability = liabilityNow(store);
    } catch (e) {
      setNotice({ text: `The loyalty liability could not be read: ${errorText(e)}`, kind: 'error' });
      return;
    }
    const form = createActionForm(deleteFields(store), deleteInitial());
    setNotice(undefined);
    setStep({ kind: 'form', backup, liability, form });
  }

  /** With operators: a manager goes straight on; anyone else is asked for a manager's override. */
  async function approve(): Promise<void> {
    const outcome = await guard('delete-loyalty-tables');
    if (!mounted.current) return;
    if (!outcome.allowed) {
      setStep({ kind: 'approve', error: 'Not approved: nothing was deleted' });
      return;
    }
    approvedBy.current = outcome.approvedBy;
    listBackups();
  }

  useEffect(() => {
    if (withRoles) void approve();
    // Once, on opening: Enter asks again after a cancel.
  }, []);

  async function run(backup: BackupChoice, liability: number, form: ActionForm, values: FormValues): Promise<void> {
    setStep({ kind: 'running', backup, liability, form });
    try {
      await new Promise((resolve) => setImmediate(resolve));
      const result = await runDelete(store, {
        backup: backup.dir, account: values[DELETE_KEYS.account] ?? '', phrase: (values[DELETE_KEYS.phrase] ?? '').trim(), operator,
        ...(approvedBy.current ? { approvedBy: approvedBy.current } : {}),
      }, new Date());
      setStep({ kind: 'done', result });
      if (mounted.current) setNotice({ text: `Loyalty tables deleted: ${money(result.writeOff, fmt)} written off to ${result.account}`, kind: 'info' });
    } catch (e) {
      const text = errorText(e);
      const message = text.includes('nothing was deleted') ? text : `${text} (nothing was deleted)`;
      if (isBackupRefusal(e)) {
        listBackups();
        if (mounted.current) setNotice({ text: message, kind: 'error' });
        return;
      }
      const field = fieldOfDeleteRefusal(e);
      form.dispatch(field === undefined ? { type: 'resume', message } : { type: 'resume', message, field });
      setStep({ kind: 'form', backup, liability, form });
    }
  }

  useEntryField(pin, {
    active: step.kind === 'pin',
    maxLength: 32,
    onSubmit(value) {
      if (stepRef.current.kind !== 'pin') return;
      pin.clear();
      if (value === '') {
        setStep({ kind: 'pin', error: 'Manager PIN: type the PIN, or Esc to go back' });
        return;
      }
      const hash = loyaltySettingsOf(store.get('settings')).managerPinHash;
      if (hash === '' || !verifyPin(value, hash)) {
        setStep({ kind: 'pin', error: hash === '' ? DELETE_NO_PIN : DELETE_WRONG_PIN });
        return;
      }
      listBackups();
    },
  });

  useKeyHandler((key) => {
    const s = stepRef.current;
    if (s.kind === 'pin') return false;
    if (s.kind === 'approve') {
      if (!matches(key, 'select')) return false;
      void approve();
      return true;
    }
    if (s.kind === 'form') {
      // Esc goes back to the backups, unless it closes the account list.
      if (!matches(key, 'back') || s.form.getState().listIndex !== null) return false;
      listBackups();
      return true;
    }
    if (s.kind === 'running') {
      if (matches(key, 'help') || matches(key, 'exit')) return false;
      return true;
    }
    if (s.kind === 'done') return false;
    const count = s.backups.length;
    const at = selRef.current;
    const to = (n: number): true => {
      selRef.current = Math.max(0, Math.min(count - 1, n));
      setSel(selRef.current);
      return true;
    };
    if (matches(key, 'moveUp')) return to(at - 1);
    if (matches(key, 'moveDown')) return to(at + 1);
    if (matches(key, 'pageUp')) return to(at - listRows);
    if (matches(key, 'pageDown')) return to(at + listRows);
    if (matches(key, 'select')) {
      const b = s.backups[at];
      if (b) pick(b);
      else setNotice({ text: 'There is no backup: make one with Backup Loyalty tables first', kind: 'error' });
      return true;
    }
    return false;
  }, { layer: 'screen' });

  const line = (text: string): string => truncate(text, columns, theme);
  let body: ReactNode;
  let status = notice;
  if (step.kind === 'approve') {
    body = (
      <Box flexDirection="column" height={rows} overflow="hidden">
        <Text bold wrap="truncate">{line('Delete Loyalty tables: for a manager only')}</Text>
        <Text wrap="wrap">Archives the loyalty rows, balances and upload records, starts a new, empty loyalty book and writes any remaining loyalty liability off to a ledger account. It needs a backup of exactly the current data.</Text>
        <Text> </Text>
        <Text color={step.error ? theme.colors.error : theme.colors.muted} wrap="truncate">
          {line(step.error ? `${theme.marks.error} ${step.error}: Enter asks for a manager again, Esc goes back to Data` : 'Waiting for a manager\'s approval...')}
        </Text>
      </Box>
    );
  } else if (step.kind === 'pin') {
    body = (
      <Box flexDirection="column" height={rows} overflow="hidden">
        <Text bold wrap="truncate">{line('Delete Loyalty tables: for a manager only')}</Text>
        <Text wrap="wrap">Archives the loyalty rows, balances and upload records, starts a new, empty loyalty book and writes any remaining loyalty liability off to a ledger account. It needs a backup of exactly the current data.</Text>
        <Text> </Text>
        <Box flexDirection="row" height={1} overflow="hidden">
          <EntryField buffer={pin} label="Manager PIN:" width={9} mask />
          <Text color={step.error ? theme.colors.error : theme.colors.muted} wrap="truncate">
            {step.error ? ` ${theme.marks.error} ${step.error}` : ' Enter: go on  Esc: back to Data'}
          </Text>
        </Box>
      </Box>
    );
  } else if (step.kind === 'pick') {
    const sel = Math.min(selRef.current, Math.max(0, step.backups.length - 1));
    const top = Math.max(0, Math.min(sel - listRows + 1, step.backups.length - listRows));
    const dirWidth = Math.max(10, columns - 2 - 17 - 22);
    body = (
      <Box flexDirection="column" height={rows} overflow="hidden">
        <Text bold wrap="truncate">{line('Pick the backup of the current data')}</Text>
        <Text color={theme.colors.muted} wrap="truncate">{`  ${fit('Taken', 17)}${fit('Matches current data', 22)}${fit('Folder', dirWidth)}`}</Text>
        {step.backups.slice(Math.max(0, top), Math.max(0, top) + listRows).map((b, i) => {
          const index = Math.max(0, top) + i;
          const mark = index === sel ? theme.marks.selected : theme.marks.unselected;
          return (
            <Text key={b.dir} inverse={index === sel && theme.color} color={b.matchesCurrent ? undefined : theme.colors.muted} wrap="truncate">
              {`${mark} ${fit(localStamp(b.takenAt, tz), 17)}${fit(b.matchesCurrent ? 'yes' : 'no (older data)', 22)}${fit(shownDir(store, b.dir), dirWidth)}`}
            </Text>
          );
        })}
        <Box flexGrow={1} />
        <Text color={theme.colors.muted} wrap="truncate">{line(step.backups.length === 0 ? 'No backups yet' : `${step.backups.length} backup${step.backups.length === 1 ? '' : 's'}; only one that matches can be used`)}</Text>
        <Text color={theme.colors.muted} wrap="truncate">{line('Enter: use the selected backup   Esc: back to Data')}</Text>
      </Box>
    );
  } else if (step.kind === 'form' || step.kind === 'running') {
    const running = step.kind === 'running';
    body = (
      <Box flexDirection="column" height={rows} overflow="hidden">
        <Text wrap="truncate">{line(`Backup:    ${shownDir(store, step.backup.dir)}, taken ${localStamp(step.backup.takenAt, tz)}, matches`)}</Text>
        <Text wrap="truncate">{line(`Liability: ${money(step.liability, fmt)} in Loyalties Accrued, written off to the account below`)}</Text>
        <Text> </Text>
        <ActionFormView form={step.form} rows={Math.max(1, rows - 5)} columns={columns} active={!running}
          onSubmit={(values) => void run(step.backup, step.liability, step.form, values)} labelWidth={20} />
        <Box flexGrow={1} />
        <Text color={running ? theme.colors.accent : theme.colors.muted} wrap="truncate">
          {line(running ? DELETE_WORKING_TEXT : `Type ${CONFIRM_PHRASE}, then F10 (or Enter on the last field) deletes   Esc: back to the backups`)}
        </Text>
      </Box>
    );
    if (!running) status = notice ?? (formState ? formStatus(formState) : undefined);
  } else {
    const r = step.result;
    body = (
      <Box flexDirection="column" height={rows} overflow="hidden">
        <Text bold wrap="truncate">{line('Loyalty tables deleted: a new, empty loyalty book has started')}</Text>
        <Text wrap="truncate">{line(`Archived to: ${r.archive}`)}</Text>
        <Text wrap="truncate">{line(`Written off: ${money(r.writeOff, fmt)} to ${r.account}`)}</Text>
        <Text wrap="truncate">{line(`Recorded as ${r.document}; the new loyalty epoch is ${r.epochId}`)}</Text>
        <Text wrap="truncate">{line(`The debtors' Available before the delete: ${money(r.debtorsAvailable, fmt)} (now ${money(0, fmt)})`)}</Text>
        <Text wrap="wrap">The deleted rows stay in the journals and the archive; the loyalty book starts empty.</Text>
        <Box flexGrow={1} />
        <Text color={theme.colors.muted} wrap="truncate">{line('Esc: back to Data')}</Text>
      </Box>
    );
  }
  const scope = step.kind === 'form' ? 'form' : 'global';
  return (
    <Shell breadcrumb={DELETE_BREADCRUMB} scope={scope} hide={ACTION_FORM_HIDE} status={status}
      busy={step.kind === 'running' ? DELETE_WORKING_TEXT : undefined}>
      {body}
    </Shell>
  );
}

// One FTP server's form (Add or Edit from the FTP Servers list). Accept writes the server into
// settings.json under the store lock, re-read; F8 Test opens the Test with the form's values and
// the Upload Path of FTP Setup. The host key is not a field anyone types: the Test's "accept"
// hands it back here, this screen keeps it and shows it, and Accept saves it.
import { useRef, useState, type ReactNode } from 'react';
import type { SftpServer } from '../../../store/uploads-settings.js';
import { StoreError } from '../../../store/errors.js';
import { useApp, useConfirm, useNavigation, type ConfirmRequest } from '../../app-context.js';
import { FieldError } from '../../forms/field-error.js';
import type { FormValues } from '../../forms/field-types.js';
import { errorText, Form, type FormCommand, type FormHandle, type SaveResult } from '../../forms/form.js';
import { useTheme } from '../../theme.js';
import { shortBreadcrumb } from './breadcrumb.js';
import {
  applyServer, forgetting, hostKeyNotes, otherNames, SERVER_KEYS, serverFieldOfPath, serverFields, serverFromValues, serverValues,
} from './ftp-server-fields.js';
import { SftpTestScreen } from './sftp-test.js';
import type { TestAccount } from './sftp-test-text.js';

export interface FtpServerFormProps {
  editing: SftpServer | null;
  /** Breadcrumb of the list this form was opened from. */
  listCrumb: readonly string[];
  /** The Upload Path on FTP Setup now (saved or not): Test writes its probe file there. */
  uploadPath(): string;
  test?: TestAccount | undefined;
  /** Saved (with the account name) or left (null). */
  onDone(saved: string | null): void;
}

function refusal(e: unknown): SaveResult {
  if (e instanceof FieldError) return { ok: false, message: e.message, field: e.field };
  const field = e instanceof StoreError && e.field !== undefined ? serverFieldOfPath(e.field) : undefined;
  return field === undefined ? { ok: false, message: errorText(e) } : { ok: false, message: errorText(e), field };
}

export function FtpServerForm({ editing, listCrumb, uploadPath, test, onDone }: FtpServerFormProps): ReactNode {
  const { store } = useApp();
  const nav = useNavigation();
  const confirm = useConfirm();
  const { ellipsis } = useTheme().marks;
  const [others] = useState(() => otherNames(store.get('settings'), editing));
  const [defs] = useState(() => serverFields(editing, others));
  const [opened] = useState(() => serverValues(editing));
  // A key the operator accepted in this form's Test; null until then.
  const accepted = useRef<string | null>(null);
  const stored = editing?.hostKey ?? '';
  const hostKeyFor = (values: FormValues): string => accepted.current ?? (forgetting(values) ? '' : stored);
  const crumb = [...listCrumb, editing === null ? 'Add' : `Edit ${editing.name}`];

  async function accept(values: FormValues): Promise<SaveResult> {
    try {
      const server = serverFromValues(values, editing, others, hostKeyFor(values));
      await store.edit('settings', (draft) => applyServer(draft, server, editing));
      return { ok: true };
    } catch (e) {
      return refusal(e);
    }
  }

  /** Changing or dropping a key accepted before is asked about: it is what guards the login. */
  function confirmAccept(values: FormValues): ConfirmRequest | null {
    const next = hostKeyFor(values);
    if (stored === '' || next === stored) return null;
    return next === ''
      ? {
        title: 'Forget the accepted host key? (y/n)',
        message: `${stored} will no longer be trusted; the next Test shows the server's key for you to check and accept.`,
        yesLabel: 'Forget it and save', noLabel: 'Keep editing',
      }
      : {
        title: 'Replace the accepted host key? (y/n)',
        message: `Old ${stored}, new ${next}. Replace it only if the server's administrator confirmed the new key.`,
        yesLabel: 'Replace it and save', noLabel: 'Keep editing',
      };
  }

  function openTest(form: FormHandle): void {
    let server: SftpServer;
    try {
      server = serverFromValues(form.values, editing, others, hostKeyFor(form.values));
    } catch (e) {
      form.status(`${errorText(e)}; fix it to test`, 'error');
      return;
    }
    const onHostKeyAccepted = (fingerprint: string): void => {
      accepted.current = fingerprint;
      form.show(hostKeyNotes(fingerprint));
    };
    nav.push({
      id: 'setup.loyalty-uploads.ftp-test',
      title: 'Test',
      render: () => (
        <SftpTestScreen server={server} uploadPath={uploadPath()} breadcrumb={shortBreadcrumb([...crumb, 'Test'], ellipsis)}
          onHostKeyAccepted={onHostKeyAccepted} test={test} />
      ),
    });
    form.status('Test uses the values on this form; F10 Accept saves them');
  }

  /** Esc: the accepted host key is not a typed field, so the form's own "edited" flag misses it. */
  function cancel(values: FormValues): void {
    const edited = accepted.current !== null || Object.keys(opened).some((k) => k !== SERVER_KEYS.hostKey && k !== SERVER_KEYS.hostKeyValue && (values[k] ?? '') !== opened[k]);
    if (!edited) {
      onDone(null);
      return;
    }
    void confirm({ title: 'Discard changes? (y/n)', message: 'This form has edits that are not saved.', yesLabel: 'Discard them', noLabel: 'Keep editing' })
      .then((yes) => {
        if (yes) onDone(null);
      });
  }

  const commands: FormCommand[] = [
    { command: 'test', run: openTest },
    { command: 'back', run: (form) => cancel(form.values) },
  ];
  return (
    <Form
      defs={defs}
      initial={opened}
      breadcrumb={shortBreadcrumb(crumb, ellipsis)}
      onAccept={accept}
      onDone={(outcome, values) => onDone(outcome === 'saved' ? (editing?.name ?? (values[SERVER_KEYS.name] ?? '').trim()) : null)}
      // Never reached (the 'test' command above takes F8 first, with the form's handle); given so
      // the hint bar and help offer F8 Test.
      onTest={() => ''}
      commands={commands}
      confirmAccept={confirmAccept}
    />
  );
}

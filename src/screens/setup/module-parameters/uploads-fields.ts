// LoyaltyPlus Loyalty Uploads > FTP Setup as form fields: the chosen Account Name (one of the FTP
// Servers list), the Upload Path, and two notes naming the tab's actions. The account's choices
// follow the list as it is now, so a server added or deleted meanwhile shows at once.
import type { SettingsDoc } from '../../../store/documents-types.js';
import { uploadPathProblem, uploadsSettingsOf } from '../../../store/uploads-settings.js';
import { FieldError } from '../../forms/field-error.js';
import type { FieldDef, FormValues } from '../../forms/field-types.js';

export const UPLOADS_TAB = 'FTP Setup';

export const UPLOADS_KEYS = {
  serversNote: 'serversNote',
  account: 'account',
  uploadPath: 'uploadPath',
  eventsNote: 'eventsNote',
} as const;

const K = UPLOADS_KEYS;

/** Where settings.json keeps each field, so a schema refusal lands at its field. */
export const UPLOADS_FIELD_PATHS: Readonly<Record<string, string>> = {
  'loyaltyPlusUploads.account': K.account,
  'loyaltyPlusUploads.uploadPath': K.uploadPath,
};

export class UploadsFieldError extends FieldError {}

export interface UploadsView {
  /** Account names in the FTP Servers list, in its order. */
  names: readonly string[];
  /** Whether IQEvent_LoyaltyPlus_Sales is in automation.json. */
  eventSet: boolean;
}

/** What is wrong with an Upload Path, naming the field, or null. */
export function uploadPathMessage(p: string): string | null {
  if (p === '') return 'Upload Path is required (e.g. /upload)';
  const problem = uploadPathProblem(p);
  return problem === null ? null : `Upload Path: ${problem}`;
}

export function uploadsFields(view: UploadsView): FieldDef[] {
  const note = (key: string, label: string): FieldDef => ({ key, label, kind: 'text', readOnly: true, note: true, tab: UPLOADS_TAB });
  return [
    note(K.serversNote, 'FTP Servers'),
    {
      key: K.account, label: 'Account Name', kind: 'choice', tab: UPLOADS_TAB,
      choices: [{ value: '', label: '(none chosen)' }, ...view.names.map((n) => ({ value: n, label: n }))],
    },
    {
      key: K.uploadPath, label: 'Upload Path', kind: 'text', required: true, maxLength: 1000, tab: UPLOADS_TAB,
      validate: (v) => uploadPathMessage(v.trim()),
    },
    note(K.eventsNote, 'Setup Automation Events'),
  ];
}

/** Columns for the labels: the notes' labels are never drawn, and their text needs the room. */
export const UPLOADS_LABEL_WIDTH = 'Account Name'.length;

/** The two notes: what F2 and F3 do here, and how things stand (at most 60 columns). */
export function uploadsNotes(view: UploadsView): FormValues {
  const n = view.names.length;
  return {
    [K.serversNote]: `F2 FTP Servers: add, edit or delete (${n === 0 ? 'none yet' : `${n} in the list`})`,
    [K.eventsNote]: `F3 Setup Automation Events: ${view.eventSet ? 'IQEvent_LoyaltyPlus_Sales exists' : 'not done yet'}`,
  };
}

export function uploadsValues(doc: SettingsDoc, view: UploadsView): FormValues {
  const u = uploadsSettingsOf(doc);
  return { ...uploadsNotes(view), [K.account]: u.account, [K.uploadPath]: u.uploadPath };
}

/**
 * Applies the form to a freshly re-read settings draft: only the fields changed since the form
 * opened are written, so the Test results and servers written meanwhile survive. Everything is
 * checked before the draft is touched.
 */
export function applyUploads(draft: SettingsDoc, values: FormValues, opened: FormValues): void {
  const u = uploadsSettingsOf(draft);
  const changed = (k: string) => (values[k] ?? '') !== (opened[k] ?? '');
  const account = changed(K.account) ? (values[K.account] ?? '') : u.account;
  const uploadPath = changed(K.uploadPath) ? (values[K.uploadPath] ?? '').trim() : u.uploadPath;
  if (account !== '' && !u.servers.some((s) => s.name === account)) {
    throw new UploadsFieldError(K.account, `Account Name: ${account} is no longer in the FTP Servers list; choose another`);
  }
  const problem = uploadPathMessage(uploadPath);
  if (problem !== null) throw new UploadsFieldError(K.uploadPath, problem);
  draft.loyaltyPlusUploads = { ...u, account, uploadPath };
}

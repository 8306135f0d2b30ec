// A master file: a windowed list of records with Add (Ins/F2) and Edit (Enter) opening the record
// form. Tender Setup and Account Maintenance are two of these; debtors, items and contracts will be.
import { useState, type ReactNode } from 'react';
import { useKeyHandler } from '../keys/dispatcher.js';
import { Shell } from '../shell/shell.js';
import type { StatusMessage } from '../shell/status-line.js';
import { useContentSize } from '../shell/terminal-size.js';
import type { FieldDef, FormValues } from './field-types.js';
import { Form, errorText, type SaveResult } from './form.js';
import { listRefusal } from './list-refusals.js';
import { RecordList, type ListColumn } from './record-list.js';

export interface MasterFile<T> {
  breadcrumb: readonly string[];
  /** What one record is called in messages ("tender", "account"). */
  noun: string;
  columns: readonly ListColumn<T>[];
  emptyText: string;
  refusals: { delete: string; find: string };
  rows(): readonly T[];
  keyOf(row: T): string;
  /** The crumb of the form after the list's breadcrumb ("Add", "Edit CASH"). */
  formCrumb(editing: T | null): string;
  fields(editing: T | null): FieldDef[];
  values(editing: T | null): FormValues;
  /** Saves under the store lock; returns the key of the saved record. Throws with a message to show. */
  save(values: FormValues, editing: T | null): Promise<string>;
}

type Mode<T> = { kind: 'list' } | { kind: 'form'; editing: T | null };

export function MasterFileScreen<T>({ file }: { file: MasterFile<T> }): ReactNode {
  const { rows: height, columns: width } = useContentSize();
  const [mode, setMode] = useState<Mode<T>>({ kind: 'list' });
  const [selected, setSelected] = useState(0);
  const [message, setMessage] = useState<StatusMessage | undefined>(undefined);
  const rows = file.rows();

  useKeyHandler((key) => {
    const reason = listRefusal(key, file.refusals);
    if (reason === null) return false;
    setMessage({ text: reason, kind: 'info' });
    return true;
  }, { layer: 'screen', active: mode.kind === 'list' });

  if (mode.kind === 'form') {
    const editing = mode.editing;
    const accept = async (values: FormValues): Promise<SaveResult> => {
      try {
        const key = await file.save(values, editing);
        setSelected(Math.max(0, file.rows().findIndex((r) => file.keyOf(r) === key)));
        return { ok: true };
      } catch (e) {
        const text = errorText(e);
        return text.startsWith('Code:') ? { ok: false, message: text, field: 'code' } : { ok: false, message: text };
      }
    };
    const done = (outcome: 'saved' | 'cancelled', values: FormValues): void => {
      setMessage(outcome === 'saved' ? { text: `Saved ${file.noun} ${values.code ?? ''}`, kind: 'info' } : undefined);
      setMode({ kind: 'list' });
    };
    return (
      <Form
        key={editing === null ? '(new)' : file.keyOf(editing)}
        defs={file.fields(editing)}
        initial={file.values(editing)}
        breadcrumb={[...file.breadcrumb, file.formCrumb(editing)]}
        onAccept={accept}
        onDone={done}
      />
    );
  }

  return (
    <Shell breadcrumb={[...file.breadcrumb]} scope="list" status={message}>
      <RecordList
        rows={rows}
        columns={file.columns}
        height={height}
        width={width}
        initialSelected={selected}
        emptyText={file.emptyText}
        onAdd={() => {
          setMessage(undefined);
          setMode({ kind: 'form', editing: null });
        }}
        onEdit={(row, index) => {
          setMessage(undefined);
          setSelected(index);
          setMode({ kind: 'form', editing: row });
        }}
      />
    </Shell>
  );
}

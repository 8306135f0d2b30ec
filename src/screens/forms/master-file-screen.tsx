// A master file: a windowed list of records with Add (Ins/F2) and Edit (Enter) opening the record
// form. Tender Setup and Account Maintenance are two of these; debtors, items and contracts will be.
// A file with `search` also has Find (F3 or /): an entry field above the list that narrows it as
// the operator types; Up/Down and Enter keep working on the narrowed list, Esc clears and closes it.
import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { matches } from '../keys/bindings.js';
import { useKeyHandler, useKeys } from '../keys/dispatcher.js';
import { createEntryBuffer } from '../input/entry-buffer.js';
import { EntryField } from '../input/entry-field.js';
import { applyEntryKey } from '../input/use-entry-field.js';
import { Shell } from '../shell/shell.js';
import type { StatusMessage } from '../shell/status-line.js';
import { useContentSize } from '../shell/terminal-size.js';
import { useTheme } from '../theme.js';
import type { FieldDef, FormValues } from './field-types.js';
import { Form, errorText, type FormCommand, type SaveResult } from './form.js';
import { listRefusal } from './list-refusals.js';
import { RecordList, type ListColumn } from './record-list.js';

export interface MasterFile<T> {
  breadcrumb: readonly string[];
  /** What one record is called in messages ("tender", "account"). */
  noun: string;
  columns: readonly ListColumn<T>[];
  emptyText: string;
  /** Why Delete, and Find on a list without `search`, are not offered. */
  refusals: { delete: string; find?: string };
  rows(): readonly T[];
  keyOf(row: T): string;
  /** The crumb of the form after the list's breadcrumb ("Add", "Edit CASH"). */
  formCrumb(editing: T | null): string;
  fields(editing: T | null): FieldDef[];
  values(editing: T | null): FormValues;
  /**
   * Saves under the store lock; returns the key of the saved record. Throws with a message to show;
   * a message starting with a field's label and a colon ("Barcode: ...") is shown at that field.
   */
  save(values: FormValues, editing: T | null): Promise<string>;
  /** Makes the list searchable (Find): whether the row matches what the operator typed. */
  search?: (row: T, query: string) => boolean;
  /** Keys of the record form beyond Accept and Cancel (the Debtor file's Receive Payment). */
  commands?: (editing: T | null) => readonly FormCommand[];
}

type Mode<T> = { kind: 'list' } | { kind: 'form'; editing: T | null };

const FIND_LABEL = 'Find';
const FIND_HELP = 'Find: type to narrow the list; Up/Down, Enter edits, Esc clears';

/** The field a save error names by its label ("Code: ..."), if any. */
function fieldOfMessage(defs: readonly FieldDef[], text: string): string | undefined {
  return defs.find((d) => d.readOnly !== true && text.startsWith(`${d.label}:`))?.key;
}

export function MasterFileScreen<T>({ file }: { file: MasterFile<T> }): ReactNode {
  const theme = useTheme();
  const { rows: height, columns: width } = useContentSize();
  const { hold } = useKeys();
  const [mode, setMode] = useState<Mode<T>>({ kind: 'list' });
  const [selected, setSelected] = useState(0);
  const [message, setMessage] = useState<StatusMessage | undefined>(undefined);
  const [query] = useState(() => createEntryBuffer());
  const { value: queryText } = useSyncExternalStore(query.subscribe, query.get, query.get);
  // In a ref as well as state: '/' then "milk" in one burst must type "milk" into the field.
  const searchingRef = useRef(false);
  const [searching, setSearching] = useState(false);
  // Keys after a change to the search are held until the narrowed list has rendered, so an Enter
  // in the same burst edits the row the operator saw, not one of the list before it narrowed.
  // The hold is taken before the change: Ink's legacy root may render inside the setState call.
  const releaseRef = useRef<(() => void) | null>(null);
  const holdUntilRendered = (): void => {
    releaseRef.current ??= hold();
  };
  const releaseNow = (): void => {
    const release = releaseRef.current;
    releaseRef.current = null;
    release?.();
  };
  useLayoutEffect(() => {
    const release = releaseRef.current;
    releaseRef.current = null;
    if (release) queueMicrotask(release);
  });
  useEffect(() => () => releaseRef.current?.(), []);

  const all = file.rows();
  const search = file.search;
  const filtered = (text: string): readonly T[] => (search === undefined || text.trim() === '' ? file.rows() : file.rows().filter((r) => search(r, text)));
  const rows = searching ? filtered(queryText) : all;

  const setSearch = (open: boolean, status: StatusMessage | undefined): void => {
    holdUntilRendered();
    searchingRef.current = open;
    setSearching(open);
    setSelected(0);
    setMessage(status);
  };

  useKeyHandler((key) => {
    if (search !== undefined) {
      if (searchingRef.current) {
        if (matches(key, 'back')) {
          holdUntilRendered();
          query.clear();
          setSearch(false, undefined);
          return true;
        }
        // F3 again: the field is already open. ('/' is typed: codes may contain it.)
        if (matches(key, 'listFind') && key.name !== 'char') return true;
        if (key.name !== 'enter') {
          const before = query.get();
          holdUntilRendered();
          const used = applyEntryKey(query, key, { onSubmit: () => undefined, onChange: () => setSelected(0) });
          // Nothing changed, so nothing renders to release the hold.
          if (query.get() === before) releaseNow();
          if (used) return true;
        }
      } else if (matches(key, 'listFind')) {
        holdUntilRendered();
        query.clear();
        setSearch(true, { text: FIND_HELP, kind: 'info' });
        return true;
      }
    }
    const reason = listRefusal(key, { delete: file.refusals.delete, find: file.refusals.find ?? 'Find: not offered on this list' });
    if (reason === null) return false;
    setMessage({ text: reason, kind: 'info' });
    return true;
  }, { layer: 'screen', active: mode.kind === 'list' });

  if (mode.kind === 'form') {
    const editing = mode.editing;
    const defs = file.fields(editing);
    const accept = async (values: FormValues): Promise<SaveResult> => {
      try {
        const key = await file.save(values, editing);
        const shown = searchingRef.current ? filtered(query.get().value) : file.rows();
        setSelected(Math.max(0, shown.findIndex((r) => file.keyOf(r) === key)));
        return { ok: true };
      } catch (e) {
        const text = errorText(e);
        const field = fieldOfMessage(defs, text);
        return field === undefined ? { ok: false, message: text } : { ok: false, message: text, field };
      }
    };
    const done = (outcome: 'saved' | 'cancelled', values: FormValues): void => {
      setMessage(outcome === 'saved' ? { text: `Saved ${file.noun} ${values.code ?? ''}`, kind: 'info' } : undefined);
      setMode({ kind: 'list' });
    };
    return (
      <Form
        key={editing === null ? '(new)' : file.keyOf(editing)}
        defs={defs}
        initial={file.values(editing)}
        breadcrumb={[...file.breadcrumb, file.formCrumb(editing)]}
        onAccept={accept}
        onDone={done}
        commands={file.commands?.(editing)}
      />
    );
  }

  const count = `${rows.length} of ${all.length}`;
  const findWidth = Math.max(8, width - FIND_LABEL.length - count.length - 3);
  const emptyText = searching && all.length > 0 ? `Nothing matches "${queryText.trim()}" (Esc clears the search)` : file.emptyText;
  return (
    <Shell breadcrumb={[...file.breadcrumb]} scope="list" status={message}>
      <Box flexDirection="column" height={height} width={width} overflow="hidden">
        {searching ? (
          <Box height={1} overflow="hidden">
            <EntryField buffer={query} label={FIND_LABEL} width={findWidth} />
            <Text color={theme.colors.muted}>{` ${count}`}</Text>
          </Box>
        ) : null}
        <RecordList
          // A new list per query: the selection starts again at the first row that matches.
          key={searching ? `find:${queryText}` : 'all'}
          rows={rows}
          columns={file.columns}
          height={searching ? height - 1 : height}
          width={width}
          initialSelected={selected}
          emptyText={emptyText}
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
      </Box>
    </Shell>
  );
}

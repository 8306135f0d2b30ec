// Utilities > Setup > Operators: the list of operators (with who is locked out after wrong PINs),
// the operator form for Add and Edit, Unlock (F8), and the idle lock minutes (F4). Every save goes
// through saveOperator under the store lock; its refusals land at their field.
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { roleLabel } from '../../engine/roles.js';
import { lockedUntil } from '../../store/operators/auth.js';
import { saveOperator, unlockOperator } from '../../store/operators/operators.js';
import type { Operator } from '../../store/operators/types.js';
import { useApp, useConfirm } from '../app-context.js';
import { refusalAt } from '../forms/field-error.js';
import type { FormValues } from '../forms/field-types.js';
import { Form, type SaveResult } from '../forms/form.js';
import { RecordList, type ListColumn } from '../forms/record-list.js';
import { matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { Shell } from '../shell/shell.js';
import type { StatusMessage } from '../shell/status-line.js';
import { useContentSize } from '../shell/terminal-size.js';
import { useTheme } from '../theme.js';
import { IDLE_LABEL, OPERATORS_BREADCRUMB, OPERATOR_FIELD_PATHS, idleFields, lockText, operatorFields, operatorInput, operatorValues } from './operator-fields.js';

interface Row {
  op: Operator;
  lock: string;
}

type Mode = { kind: 'list' } | { kind: 'form'; editing: Operator | null } | { kind: 'idle' };

const COLUMNS: readonly ListColumn<Row>[] = [
  { title: 'Code', width: 8, get: (r) => r.op.code },
  { title: 'Name', width: 22, get: (r) => r.op.name },
  { title: 'Role', width: 10, get: (r) => roleLabel(r.op.role) },
  { title: 'Active', width: 6, get: (r) => (r.op.active ? 'Yes' : 'No') },
  { title: 'Status', width: 20, get: (r) => r.lock },
];

const DELETE_REFUSAL = 'Delete: operators are not deleted (records name them); set Active to No instead';

export function OperatorsScreen(): ReactNode {
  const theme = useTheme();
  const { store } = useApp();
  const confirm = useConfirm();
  const { rows: height, columns: width } = useContentSize();
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [message, setMessage] = useState<StatusMessage | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const selectedRef = useRef(0);

  // Worked out from the audit trail: read when the list is drawn, not on every key.
  const shown = useMemo((): Row[] => {
    const now = store.actor.now();
    const zone = store.get('settings').company.timeZone;
    return store.get('operators').operators.map((op) => ({ op, lock: lockText(lockedUntil(store, op.code, now), zone) }));
    // version: a save or an unlock changed what the list shows.
  }, [store, version]);
  const idleMinutes = store.get('operators').idleLockMinutes;

  const back = (status: StatusMessage | undefined): void => {
    setMessage(status);
    setVersion((v) => v + 1);
    setMode({ kind: 'list' });
  };

  async function unlock(): Promise<void> {
    const row = shown[selectedRef.current];
    if (!row) return;
    if (row.lock === '') {
      setMessage({ text: `Unlock: ${row.op.code} is not locked out`, kind: 'info' });
      return;
    }
    const yes = await confirm({ title: `Unlock ${row.op.code}?`, message: `${row.op.code} ${row.op.name} is ${row.lock} after wrong PINs. Let them log in again now?`, yesLabel: 'Unlock', noLabel: 'Leave locked' });
    if (!yes) return;
    unlockOperator(store, row.op.code);
    back({ text: `Unlocked ${row.op.code}: they can log in again`, kind: 'info' });
  }

  useKeyHandler((key) => {
    if (matches(key, 'unlockOperator')) {
      void unlock();
      return true;
    }
    if (matches(key, 'idleLockSetting')) {
      setMessage(undefined);
      setMode({ kind: 'idle' });
      return true;
    }
    if (matches(key, 'listDelete')) {
      setMessage({ text: DELETE_REFUSAL, kind: 'info' });
      return true;
    }
    return false;
  }, { layer: 'screen', active: mode.kind === 'list' });

  if (mode.kind === 'form') {
    const editing = mode.editing;
    const accept = async (values: FormValues): Promise<SaveResult> => {
      try {
        const saved = await saveOperator(store, operatorInput(values), editing === null ? 'add' : 'edit');
        selectedRef.current = Math.max(0, store.get('operators').operators.findIndex((o) => o.code === saved.code));
        return { ok: true };
      } catch (e) {
        return refusalAt(e, OPERATOR_FIELD_PATHS);
      }
    };
    return (
      <Form
        key={editing?.code ?? '(new)'}
        defs={operatorFields(editing)}
        initial={operatorValues(editing)}
        breadcrumb={[...OPERATORS_BREADCRUMB, editing === null ? 'Add' : `Edit ${editing.code}`]}
        onAccept={accept}
        onDone={(outcome, values) => back(outcome === 'saved' ? { text: `Saved operator ${(values.code ?? '').toUpperCase()}`, kind: 'info' } : undefined)}
      />
    );
  }

  if (mode.kind === 'idle') {
    const accept = async (values: FormValues): Promise<SaveResult> => {
      try {
        await store.edit('operators', (d) => {
          d.idleLockMinutes = Number((values.minutes ?? '').trim());
        });
        return { ok: true };
      } catch (e) {
        return refusalAt(e, { idleLockMinutes: 'minutes' });
      }
    };
    return (
      <Form
        defs={idleFields()}
        initial={{ minutes: String(idleMinutes) }}
        breadcrumb={[...OPERATORS_BREADCRUMB, 'Idle lock']}
        onAccept={accept}
        onDone={(outcome, values) => back(outcome === 'saved' ? { text: `Idle lock: ${(values.minutes ?? '').trim()} minutes`, kind: 'info' } : undefined)}
      />
    );
  }

  return (
    <Shell breadcrumb={OPERATORS_BREADCRUMB} scope="operators" status={message}>
      <Box flexDirection="column" height={height} width={width} overflow="hidden">
        <Text color={theme.colors.muted} wrap="truncate">
          {`${IDLE_LABEL}: ${idleMinutes === 0 ? '0 (tills never lock by themselves)' : idleMinutes}  (F4 changes it)`}
        </Text>
        <RecordList
          key={version}
          rows={shown}
          columns={COLUMNS}
          height={height - 1}
          width={width}
          initialSelected={selectedRef.current}
          emptyText="No operators: tills open without a login. Ins or F2 adds the first (a manager)"
          onSelected={(i) => {
            selectedRef.current = i;
          }}
          onAdd={() => {
            setMessage(undefined);
            setMode({ kind: 'form', editing: null });
          }}
          onEdit={(row, index) => {
            selectedRef.current = index;
            setMessage(undefined);
            setMode({ kind: 'form', editing: row.op });
          }}
        />
      </Box>
    </Shell>
  );
}

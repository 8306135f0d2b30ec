// The Automation screen's edit of one event: Schedule (a cron expression, checked as it is typed,
// the problem shown under the field) and Enabled. F10 (or Enter on the last field) saves it with
// changeEvent; Esc goes back to the list without saving.
import { useSyncExternalStore, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { cronProblem } from '../../jobs/cron-slots.js';
import type { AutomationEvent } from '../../store/automation-types.js';
import { FLAG_OFF, FLAG_ON, type FieldDef, type FormValues } from '../forms/field-types.js';
import { ActionFormView, createActionForm, type ActionForm } from '../loyalties/action-form.js';
import { useTheme } from '../theme.js';

export const SCHEDULE_LABEL = 'Schedule';

export function scheduleProblem(value: string): string | null {
  const problem = cronProblem(value);
  return problem === null ? null : `${SCHEDULE_LABEL}: ${problem}`;
}

export function eventFields(): FieldDef[] {
  return [
    { key: 'name', label: 'Event', kind: 'text', readOnly: true },
    { key: 'cron', label: SCHEDULE_LABEL, kind: 'text', required: true, maxLength: 80, validate: (v) => scheduleProblem(v) },
    { key: 'enabled', label: 'Enabled', kind: 'flag' },
  ];
}

export function createEventForm(event: AutomationEvent): ActionForm {
  const form = createActionForm(eventFields(), { name: event.name, cron: event.cron, enabled: event.enabled ? FLAG_ON : FLAG_OFF });
  let checked = event.cron;
  // Checked as typed: every change of the text is checked at once, the message put at the field.
  form.subscribe(() => {
    const cron = form.getState().values.cron ?? '';
    if (cron === checked) return;
    checked = cron;
    const problem = scheduleProblem(cron);
    if (problem !== null) form.dispatch({ type: 'resume', field: 'cron', message: problem });
  });
  return form;
}

export interface EventFormProps {
  form: ActionForm;
  rows: number;
  columns: number;
  active: boolean;
  timeZone: string;
  onSubmit(values: FormValues): void;
}

export function EventFormView({ form, rows, columns, active, timeZone, onSubmit }: EventFormProps): ReactNode {
  const theme = useTheme();
  const state = useSyncExternalStore(form.subscribe, form.getState, form.getState);
  const problem = state.errors.cron;
  // The form's rows: what is left after the two lines under it.
  const formRows = Math.max(1, Math.min(rows - 2, state.defs.length));
  return (
    <Box flexDirection="column" height={rows} overflow="hidden">
      <Box height={formRows} flexDirection="column" overflow="hidden">
        <ActionFormView form={form} rows={formRows} columns={columns} active={active} onSubmit={onSubmit} labelWidth={12} />
      </Box>
      <Text color={problem ? theme.colors.error : theme.colors.muted} wrap="truncate">
        {problem ? `${theme.marks.error} ${problem}` : `Schedule: minute hour day-of-month month day-of-week, in ${timeZone}`}
      </Text>
      <Text color={theme.colors.muted} wrap="truncate">F10 or Enter on Enabled: save   Esc: back without saving</Text>
    </Box>
  );
}

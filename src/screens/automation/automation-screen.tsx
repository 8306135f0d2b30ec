// Utilities > Automation: the automation events (and the till's built-in jobs, read-only) with
// schedule, enabled, last run, result and next run; Enter edits an event, F8 runs the selected
// job now (through the job runner, so never beside a run of itself), L shows its run log.
// Job states come from the runner when this process holds the job lock, else from
// jobs/state.json as the holder wrote it; a session without a runner can still edit events.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { readRunLog, type RunLogEntry } from '../../jobs/job-log.js';
import { automationEvents, changeEvent } from '../../store/automation.js';
import { useApp, useNavigation } from '../app-context.js';
import { useGuard } from '../operators/guard/use-guard.js';
import { FLAG_ON, type FormValues } from '../forms/field-types.js';
import type { ActionForm } from '../loyalties/action-form.js';
import { ACTION_FORM_HIDE } from '../loyalties/action-form.js';
import { useScreenContentSize } from '../loyalties/content-size.js';
import { errorText } from '../loyalties/format.js';
import { matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { Shell } from '../shell/shell.js';
import type { StatusMessage } from '../shell/status-line.js';
import { truncate, useTheme } from '../theme.js';
import { automationRows, columnsHeader, detailText, jobsSource, logHeader, logRowText, rowText, sourceText, type AutomationRow } from './automation-rows.js';
import { createEventForm, EventFormView } from './event-form.js';
import { runNowRefusal } from './run-now.js';
import { windowStart } from '../pos/window.js';

export const AUTOMATION_BREADCRUMB = ['Utilities', 'Automation'];
export const LIST_KEYS_TEXT = 'Enter: edit   F8: run now   L: log   Esc/q: back';
/** Header, source line, column header, detail line, keys line. */
const LIST_CHROME = 5;

type Step = { kind: 'list' } | { kind: 'edit'; name: string; form: ActionForm } | { kind: 'log'; name: string; entries: RunLogEntry[]; top: number };


export function AutomationScreen(): ReactNode {
  const { store, automation } = useApp();
  const nav = useNavigation();
  const theme = useTheme();
  const { rows, columns } = useScreenContentSize();
  const load = (): { rows: AutomationRow[]; source: ReturnType<typeof jobsSource> } => {
    const source = jobsSource(store, automation);
    return { rows: automationRows(store, automationEvents(store), source), source };
  };
  const [snap, setSnap] = useState(load);
  const snapRef = useRef(snap);
  const [step, setStepState] = useState<Step>({ kind: 'list' });
  const stepRef = useRef<Step>(step);
  const selRef = useRef(0);
  const topRef = useRef(0);
  const [, setView] = useState(0);
  const [notice, setNotice] = useState<StatusMessage | undefined>(undefined);
  const mounted = useRef(true);

  const reload = (): void => {
    if (!mounted.current) return;
    try {
      const next = load();
      snapRef.current = next;
      setSnap(next);
    } catch (err) {
      setNotice({ text: `Automation events could not be read: ${errorText(err)}`, kind: 'error' });
    }
  };
  const setStep = (s: Step): void => {
    stepRef.current = s;
    setStepState(s);
  };

  useEffect(() => {
    mounted.current = true;
    // The runner says when anything changed (and every few seconds); without one, look now and then.
    let off: () => void;
    if (automation) off = automation.onChange(reload);
    else {
      const t = setInterval(reload, 2_000);
      off = () => clearInterval(t);
    }
    return () => {
      mounted.current = false;
      off();
    };
  }, [automation, store]);

  const perPage = Math.max(1, rows - LIST_CHROME);
  const list = snap.rows;
  const sel = Math.max(0, Math.min(selRef.current, list.length - 1));
  const top = windowStart(sel, list.length, perPage, topRef.current);
  selRef.current = sel;
  topRef.current = top;

  const select = (to: number): void => {
    const next = Math.max(0, Math.min(snapRef.current.rows.length - 1, to));
    selRef.current = next;
    topRef.current = windowStart(next, snapRef.current.rows.length, perPage, topRef.current);
    setView((v) => v + 1);
  };

  // Changing or running a scheduled event is setup: a manager's, or with a manager's override.
  const guard = useGuard();
  const approved = async (what: string, ref: string): Promise<boolean> => {
    const outcome = await guard('setup', ref);
    if (!outcome.allowed) setNotice({ text: `${what}: not done (no manager approved it)`, kind: 'info' });
    return outcome.allowed;
  };

  async function runNow(row: AutomationRow | undefined): Promise<void> {
    const refused = runNowRefusal(row, automation);
    if (refused !== null || !row) {
      setNotice({ text: refused ?? 'Nothing to run', kind: 'error' });
      return;
    }
    if (!(await approved('Run now', row.name))) return;
    const again = runNowRefusal(row, automation);
    if (again !== null) {
      setNotice({ text: again, kind: 'error' });
      return;
    }
    const answer = automation!.runner()!.runNow(row.name);
    if (!answer.ok) {
      setNotice({ text: `Run now refused: ${answer.reason}`, kind: 'error' });
      return;
    }
    setNotice({ text: `${row.name}: running now...`, kind: 'info' });
    reload();
    void answer.done.then((outcome) => {
      if (!mounted.current) return;
      reload();
      setNotice(outcome.result === 'success'
        ? { text: `${row.name}: run finished${outcome.note ? `: ${outcome.note}` : ''}`, kind: 'info' }
        : { text: `${row.name}: run ${outcome.result}: ${outcome.error ?? 'no reason given'}`, kind: 'error' });
    });
  }

  async function edit(row: AutomationRow | undefined): Promise<void> {
    if (!row) return;
    if (row.kind === 'built-in') {
      setNotice({ text: `${row.name} is built into the till: its schedule is set in its own setup screen`, kind: 'info' });
      return;
    }
    const event = automationEvents(store).find((e) => e.name === row.name);
    if (!event) {
      setNotice({ text: `${row.name} is no longer in automation.json`, kind: 'error' });
      reload();
      return;
    }
    if (!(await approved('Edit', event.name))) return;
    setNotice(undefined);
    setStep({ kind: 'edit', name: event.name, form: createEventForm(event) });
  }

  async function save(name: string, form: ActionForm, values: FormValues): Promise<void> {
    const enabled = values.enabled === FLAG_ON;
    try {
      await changeEvent(store, name, { cron: values.cron ?? '', enabled });
    } catch (err) {
      // Nothing was written: the edit stays open with the reason at the schedule.
      form.dispatch({ type: 'resume', field: 'cron', message: `Not saved: ${errorText(err)}` });
      return;
    }
    if (!mounted.current) return;
    setStep({ kind: 'list' });
    reload();
    setNotice({ text: `Saved ${name}: ${(values.cron ?? '').trim()}, ${enabled ? 'enabled' : 'disabled'}`, kind: 'info' });
    // The till's schedules follow at once rather than at the next look at automation.json.
    await automation?.refresh().catch(() => undefined);
    reload();
  }

  function openLog(row: AutomationRow | undefined): void {
    if (!row) return;
    setNotice(undefined);
    setStep({ kind: 'log', name: row.name, entries: readRunLog(store.dir, row.name), top: 0 });
  }

  useKeyHandler((key) => {
    const s = stepRef.current;
    if (s.kind === 'edit') {
      // The form takes its keys first; Esc (not used by it) goes back to the list unsaved.
      if (!matches(key, 'back')) return false;
      setStep({ kind: 'list' });
      setNotice({ text: `${s.name}: not changed`, kind: 'info' });
      return true;
    }
    if (s.kind === 'log') {
      if (matches(key, 'back') || matches(key, 'leaveList') || matches(key, 'showLog')) setStep({ kind: 'list' });
      else if (matches(key, 'moveUp')) setStep({ ...s, top: Math.max(0, s.top - 1) });
      else if (matches(key, 'moveDown')) setStep({ ...s, top: Math.min(Math.max(0, s.entries.length - 1), s.top + 1) });
      else if (matches(key, 'pageUp')) setStep({ ...s, top: Math.max(0, s.top - perPage) });
      else if (matches(key, 'pageDown')) setStep({ ...s, top: Math.min(Math.max(0, s.entries.length - 1), s.top + perPage) });
      else return false;
      return true;
    }
    const at = selRef.current;
    const row = snapRef.current.rows[at];
    setNotice(undefined);
    if (matches(key, 'moveUp')) select(at - 1);
    else if (matches(key, 'moveDown')) select(at + 1);
    else if (matches(key, 'pageUp')) select(at - perPage);
    else if (matches(key, 'pageDown')) select(at + perPage);
    else if (matches(key, 'moveFirst')) select(0);
    else if (matches(key, 'moveLast')) select(Number.MAX_SAFE_INTEGER);
    else if (matches(key, 'editEvent')) void edit(row);
    else if (matches(key, 'runNow')) void runNow(row);
    else if (matches(key, 'showLog')) openLog(row);
    else if (matches(key, 'leaveList')) nav.pop();
    else return false;
    return true;
  }, { layer: 'screen' });

  const timeZone = store.get('settings').company.timeZone;
  const line = (text: string): string => truncate(text, columns, theme);
  const nowMs = Date.now();

  if (step.kind === 'edit') {
    return (
      <Shell breadcrumb={[...AUTOMATION_BREADCRUMB, step.name]} scope="form" hide={ACTION_FORM_HIDE} status={notice}>
        <EventFormView form={step.form} rows={rows} columns={columns} active timeZone={timeZone}
          onSubmit={(values) => void save(step.name, step.form, values)} />
      </Shell>
    );
  }
  if (step.kind === 'log') {
    const shown = step.entries.slice(step.top, step.top + Math.max(1, rows - 3));
    return (
      <Shell breadcrumb={[...AUTOMATION_BREADCRUMB, step.name, 'Log']} scope="automation" status={notice}>
        <Box flexDirection="column" height={rows} width={columns} overflow="hidden">
          <Text bold wrap="truncate">{line(`Run log of ${step.name}: ${step.entries.length === 0 ? 'no runs logged yet' : `${step.entries.length} run(s), newest first`}`)}</Text>
          <Text color={theme.colors.muted} wrap="truncate">{line(logHeader())}</Text>
          {shown.map((e, i) => (
            <Text key={`${e.startedAt}-${i}`} color={e.result === 'success' ? undefined : theme.colors.error} wrap="truncate">{line(logRowText(e, timeZone))}</Text>
          ))}
          <Box flexGrow={1} />
          <Text color={theme.colors.muted} wrap="truncate">{line('Up/Down, PgUp/PgDn: scroll   L, Esc or q: back to the events')}</Text>
        </Box>
      </Shell>
    );
  }
  const shown = list.slice(top, top + perPage);
  return (
    <Shell breadcrumb={AUTOMATION_BREADCRUMB} scope="automation" status={notice}>
      <Box flexDirection="column" height={rows} width={columns} overflow="hidden">
        <Text bold wrap="truncate">{line(`Automation events: ${list.filter((r) => r.kind === 'event').length}, times in ${timeZone}`)}</Text>
        <Text color={snap.source.kind === 'here' ? theme.colors.muted : theme.colors.warning} wrap="truncate">{line(sourceText(snap.source))}</Text>
        <Text color={theme.colors.muted} wrap="truncate">{line(columnsHeader())}</Text>
        <Box flexDirection="column" height={perPage} overflow="hidden">
          {shown.map((row, i) => {
            const selected = top + i === sel;
            const failed = row.state?.lastResult === 'failed' && !row.state.running;
            return (
              <Text key={row.name} inverse={selected} bold={failed} color={failed ? theme.colors.error : undefined} wrap="truncate">
                {line(rowText(row, nowMs, timeZone, selected ? theme.marks.selected : theme.marks.unselected))}
              </Text>
            );
          })}
        </Box>
        <Text wrap="truncate">{line(detailText(list[sel], timeZone))}</Text>
        <Text color={theme.colors.muted} wrap="truncate">{line(LIST_KEYS_TEXT)}</Text>
      </Box>
    </Shell>
  );
}

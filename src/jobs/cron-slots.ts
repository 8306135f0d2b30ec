// Slots of a cron expression around any instant, in any time zone. node-cron only answers "what
// is next from the system clock"; catch-up needs "which slot fell last before now" for the
// store's clock, so the search is ours, built on node-cron's own parser and day matcher (so both
// agree on what L, W, # and friends mean).
import { createTask, parse, validate, validateDetailed, type ScheduledTask } from 'node-cron';
import { instantsOfWall, offsetAt, stepDay, wallMs, wallTime } from './zoned-time.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Long enough for the rarest expression node-cron accepts (Feb 29 on a given weekday: 28 years). */
const MAX_DAYS = 366 * 29;

const FIELD_RULES: Record<string, { label: string; allowed: string }> = {
  second: { label: 'second', allowed: '0-59' },
  minute: { label: 'minute', allowed: '0-59' },
  hour: { label: 'hour', allowed: '0-23' },
  dayOfMonth: { label: 'day of month', allowed: '1-31, L, LW, L-N or NW' },
  month: { label: 'month', allowed: '1-12 or JAN-DEC' },
  dayOfWeek: { label: 'day of week', allowed: '0-7 (0 and 7 are Sunday), SUN-SAT, N#K or NL' },
};

/** What is wrong with `expression`, in words an operator can act on, or null when it is valid. */
export function cronProblem(expression: unknown): string | null {
  if (typeof expression !== 'string' || expression.trim() === '') return 'the schedule is empty';
  if (validate(expression)) return null;
  const first = validateDetailed(expression).errors[0];
  if (first === undefined) return 'node-cron does not accept it';
  if (first.field === 'expression') {
    return `${first.message} (expected 5 fields: minute hour day-of-month month day-of-week, or 6 with seconds first)`;
  }
  if (first.message.includes('impossible')) {
    const monthField = expression.trim().split(/\s+/).at(-2) ?? '';
    return `day of month "${first.value ?? ''}" never occurs in month "${monthField}"`;
  }
  const rule = FIELD_RULES[first.field];
  if (rule === undefined) return first.message;
  return `the ${rule.label} field "${first.value ?? ''}" is not valid (allowed: ${rule.allowed}, *, */N, ranges and lists)`;
}

export interface CronSlots {
  readonly expression: string;
  /** The latest slot at or before `atMs` in `timeZone`, or null when there is none within 29 years. */
  previous(atMs: number, timeZone: string): number | null;
  /** The earliest slot strictly after `afterMs` in `timeZone`, or null. */
  next(afterMs: number, timeZone: string): number | null;
}

function sortedNumbers(values: (number | string)[], dir: 1 | -1): number[] {
  return values.map(Number).sort((a, b) => (a - b) * dir);
}

/** Compiles a valid expression (check it with cronProblem first: this throws node-cron's error). */
export function compileCron(expression: string): CronSlots {
  const fields = parse(expression);
  const months = new Set(fields.month.map(Number));
  // A matcher for the calendar part alone, fed UTC noons, so it answers "does this date match"
  // for any zone. Destroyed at once: it is never started and must not stay in node-cron's registry.
  const dayPattern = `* * * ${fields.dayOfMonth.join(',')} ${fields.month.join(',')} ${fields.dayOfWeek.join(',')}`;
  const dayTask: ScheduledTask = createTask(dayPattern, () => undefined, { timezone: 'UTC' });
  void dayTask.destroy();
  const dayMatches = (y: number, m: number, d: number): boolean => months.has(m) && dayTask.match(new Date(Date.UTC(y, m - 1, d, 12)));
  const asc = { h: sortedNumbers(fields.hour, 1), m: sortedNumbers(fields.minute, 1), s: sortedNumbers(fields.second, 1) };
  const desc = { h: sortedNumbers(fields.hour, -1), m: sortedNumbers(fields.minute, -1), s: sortedNumbers(fields.second, -1) };

  function search(bound: number, timeZone: string, dir: 1 | -1): number | null {
    const base = Math.floor(bound / 1000) * 1000;
    const w = wallTime(base, timeZone);
    const baseWall = wallMs(w);
    const offset = offsetAt(base, timeZone);
    // Near a DST change the wall clock of a nearby slot can be up to ~2 h "wrong way" round.
    const steady = offsetAt(base - DAY - 2 * HOUR, timeZone) === offset && offsetAt(base + DAY + 2 * HOUR, timeZone) === offset;
    const margin = steady ? 0 : 3 * HOUR;
    const instants = (wall: number): number[] => (steady && Math.abs(wall - baseWall) <= DAY ? [wall - offset] : instantsOfWall(wall, timeZone));
    const order = dir === 1 ? asc : desc;
    // Wall times beyond this limit cannot be on the right side of the bound.
    const outOfReach = (wallEnd: number): boolean => (dir === 1 ? wallEnd < baseWall - margin : wallEnd > baseWall + margin);

    let { year, month, day } = w;
    for (let i = 0; i < MAX_DAYS; i++) {
      if (dayMatches(year, month, day)) {
        const dayStart = Date.UTC(year, month - 1, day);
        for (const h of order.h) {
          // Skip whole hours and minutes that lie beyond reach (the far end of the hour is checked).
          if (outOfReach(dayStart + h * HOUR + (dir === 1 ? HOUR - 1 : 0))) continue;
          for (const m of order.m) {
            if (outOfReach(dayStart + h * HOUR + m * 60_000 + (dir === 1 ? 59_999 : 0))) continue;
            for (const s of order.s) {
              const wall = dayStart + h * HOUR + m * 60_000 + s * 1000;
              if (outOfReach(wall)) continue;
              const hits = instants(wall).filter((t) => (dir === 1 ? t > bound : t <= bound));
              if (hits.length > 0) return dir === 1 ? Math.min(...hits) : Math.max(...hits);
            }
          }
        }
      }
      ({ year, month, day } = stepDay(year, month, day, dir));
    }
    return null;
  }

  return {
    expression,
    previous: (atMs, timeZone) => search(atMs, timeZone, -1),
    next: (afterMs, timeZone) => search(afterMs, timeZone, 1),
  };
}

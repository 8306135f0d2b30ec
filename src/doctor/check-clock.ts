// Is the clock plausible? Sales are stamped by it, periods and schedules read it in the store's
// zone, and the Loyalty Plus signature carries it. The newest journal record is the one fact the
// store has about "now": a clock before it is certainly wrong.
import { isTimeZone, offsetAt, wallTime } from '../engine/zoned-time.js';
import { journalFiles, lastRecord } from './journal-files.js';
import { ageText, fail, ok, warning, worst, type DoctorCheck, type Finding } from './types.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A few seconds apart is two processes' clocks, not a wrong clock. */
const BEHIND_TOLERANCE_MS = MINUTE;
const QUIET_WARN_MS = 31 * DAY;
const AHEAD_FAIL_MS = 366 * DAY;

const pad = (n: number): string => String(n).padStart(2, '0');

function localText(ms: number, zone: string): string {
  const w = wallTime(ms, zone);
  const off = Math.round(offsetAt(ms, zone) / MINUTE);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)} (UTC${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)})`;
}

function zoneFinding(zone: string | null): Finding {
  if (zone === null) return warning('the store time zone is unknown: settings.json cannot be read (see the documents check)', 'fix settings.json first (documents check)');
  let known = false;
  try { known = zone === 'UTC' || Intl.supportedValuesOf('timeZone').includes(zone); } catch { /* old ICU */ }
  if (!known && !isTimeZone(zone)) {
    return fail(`the store time zone "${zone}" is not an IANA time zone`, 'set Utilities > Setup > Company Details > Time zone to a name such as Africa/Johannesburg');
  }
  return ok(`store time zone ${zone}`);
}

function newestRecordMs(dir: string): { ms: number; label: string } | null {
  let newest: { ms: number; label: string } | null = null;
  for (const j of journalFiles(dir)) {
    const rec = lastRecord(j);
    const ms = rec ? Date.parse(rec.at) : Number.NaN;
    if (Number.isFinite(ms) && (!newest || ms > newest.ms)) newest = { ms, label: `${j.label} seq ${rec!.seq}` };
  }
  return newest;
}

export const clockCheck: DoctorCheck = {
  id: 'clock',
  title: 'Clock and time zone',
  async run(ctx): Promise<Finding> {
    const zone = ctx.documents.settings()?.company.timeZone ?? null;
    const zoneOk = zone !== null && zoneFinding(zone).status === 'ok';
    const nowMs = ctx.now().getTime();
    const shown = zoneOk ? localText(nowMs, zone!) : new Date(nowMs).toISOString();
    const fake = ctx.env.TILLPOINT_NOW ? ` (TILLPOINT_NOW=${ctx.env.TILLPOINT_NOW} is in effect: this clock started there; the system clock says ${new Date().toISOString()})` : '';
    const findings: Finding[] = [zoneFinding(zone), ok(`now ${shown}${fake}`)];
    const setClock = `set the date, time and time zone of this PC (timedatectl; enable NTP)${fake ? ', or unset TILLPOINT_NOW' : ''}, then run doctor again`;
    const newest = newestRecordMs(ctx.dir);
    if (newest) {
      const lead = nowMs - newest.ms;
      const last = `the last record (${newest.label}) is at ${new Date(newest.ms).toISOString()}`;
      if (lead < -BEHIND_TOLERANCE_MS) {
        findings.push(fail(`the clock is behind the last sale by ${Math.ceil(-lead / MINUTE)} minutes${-lead > 2 * 60 * MINUTE ? ` (${ageText(-lead)})` : ''}: it says ${new Date(nowMs).toISOString()}${fake}, ${last}`, setClock));
      } else if (lead > AHEAD_FAIL_MS) {
        findings.push(fail(`the clock is ${ageText(lead)} ahead of the last record: it says ${new Date(nowMs).toISOString()}${fake}, ${last}`, setClock));
      } else if (lead > QUIET_WARN_MS) {
        findings.push(warning(`nothing was recorded for ${ageText(lead)}: ${last}`, `if the store was really closed that long, nothing to do; otherwise ${setClock}`));
      }
    } else {
      const year = new Date(nowMs).getUTCFullYear();
      if (year < 2024 || year > 2100) findings.push(fail(`the clock says the year ${year}`, setClock));
    }
    return worst(findings, '');
  },
};

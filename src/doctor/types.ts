// The shape every doctor check answers with, and what a check may read. A check never changes the
// store: it reads files, probes with a temp file it removes at once, and calls the outside
// services the way the till would.

export type CheckStatus = 'ok' | 'warning' | 'fail';

export interface CheckResult {
  /** Stable key for scripts (`--json`), e.g. `journals`. */
  id: string;
  title: string;
  status: CheckStatus;
  /** What was found, with the numbers and names a technician needs. Never a secret. */
  detail: string;
  /** One line: what to do about it; empty when ok. */
  fix: string;
}

export interface DoctorContext {
  /** The store folder (absolute). */
  dir: string;
  /** The store's clock (TILLPOINT_NOW aware). */
  now: () => Date;
  env: NodeJS.ProcessEnv;
  /** Reads a store document once per run, read-only (documents-read.ts). */
  documents: import('./documents-read.js').DocumentReader;
  /** Lets the screen stay responsive: awaited between windows of long work. */
  yieldNow: () => Promise<void>;
}

export type Finding = Pick<CheckResult, 'status' | 'detail' | 'fix'>;

export interface DoctorCheck {
  id: string;
  title: string;
  run(ctx: DoctorContext): Promise<Finding>;
}

export const ok = (detail: string): Finding => ({ status: 'ok', detail, fix: '' });
export const warning = (detail: string, fix: string): Finding => ({ status: 'warning', detail, fix });
export const fail = (detail: string, fix: string): Finding => ({ status: 'fail', detail, fix });

const RANK: Record<CheckStatus, number> = { ok: 0, warning: 1, fail: 2 };

/** The worse of several findings about one area; the fix of the first worst one. */
export function worst(findings: readonly Finding[], okDetail: string): Finding {
  let top: Finding | undefined;
  for (const f of findings) if (!top || RANK[f.status] > RANK[top.status]) top = f;
  if (!top || top.status === 'ok') return ok(findings.length > 0 ? findings.map((f) => f.detail).join('; ') : okDetail);
  // Every problem stays in the detail, worst first; the fix is for the worst.
  const order = [...findings].filter((f) => f.status !== 'ok').sort((a, b) => RANK[b.status] - RANK[a.status]);
  return { status: top.status, detail: order.map((f) => f.detail).join('; '), fix: top.fix };
}

/** "3 min", "2 h 5 min", "4 days": ages for people. */
export function ageText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} days`;
}

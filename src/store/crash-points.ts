// Named crash points for the crash-safety tests (fault injection): with TILLPOINT_CRASH_AT set to
// a point's name, or `name:N` for its N-th pass, the process kills itself there with SIGKILL,
// exactly as a power cut would stop it. Unset in production, where this is one env look-up.
const hits = new Map<string, number>();

export function crashPoint(name: string): void {
  const want = process.env.TILLPOINT_CRASH_AT;
  if (!want) return;
  const [point, nth] = want.split(':').length > 2 ? [want.slice(0, want.lastIndexOf(':')), want.slice(want.lastIndexOf(':') + 1)] : [want, undefined];
  if (point !== name && want !== name) return;
  const n = (hits.get(name) ?? 0) + 1;
  hits.set(name, n);
  if (want === name || n === Number(nth)) process.kill(process.pid, 'SIGKILL');
}

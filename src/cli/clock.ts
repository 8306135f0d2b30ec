// TILLPOINT_NOW starts the clock at a given instant (testing and training); it then runs forward
// in real time, so durations and ordering behave as in a real store.

export type Clock = () => Date;

export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const start = env.TILLPOINT_NOW;
  if (!start) return () => new Date();
  const at = Date.parse(start);
  if (Number.isNaN(at)) throw new UsageError(`TILLPOINT_NOW must be an ISO date-time such as 2026-03-01T09:00:00+02:00 (got "${start}")`);
  const origin = performance.now();
  return () => new Date(at + Math.floor(performance.now() - origin));
}

/** A problem with how the command was called: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Input refused (bad value, unknown code, ...): exit code 1, nothing changed. */
export class Refusal extends Error {
  override name = 'Refusal';
  constructor(
    message: string,
    readonly problems: string[] = [message],
  ) {
    super(message);
  }
}

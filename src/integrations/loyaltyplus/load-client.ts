// The Loyalty Plus client (and undici with it) loads only when a call is made: the till's start-up
// memory has a budget of 80 MB. The bundle replaces this module with load-client-dist.ts, which
// loads dist/loyalty-plus.js, a file of its own (scripts/build.mjs).
export function loadClient(): Promise<typeof import('./client.js')> {
  return import('./client.js');
}

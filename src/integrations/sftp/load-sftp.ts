// The SFTP transport (ssh2 with it, ~900 kB) loads only when a Test or an upload needs it: the
// till's start-up memory has a budget of 80 MB. The bundle replaces this module with
// load-sftp-dist.ts, which loads dist/sftp.js, a file of its own (scripts/build.mjs).
export function loadSftp(): Promise<typeof import('./index.js')> {
  return import('./index.js');
}

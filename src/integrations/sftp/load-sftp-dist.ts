// load-sftp.ts as bundled: dist/sftp.js beside the running bundle. The specifier is computed, so
// esbuild leaves the import to run time instead of inlining ssh2.
export function loadSftp(): Promise<typeof import('./index.js')> {
  const file = new URL('./sftp.js', import.meta.url).href;
  return import(file) as Promise<typeof import('./index.js')>;
}

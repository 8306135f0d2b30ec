// load-client.ts as bundled: dist/loyalty-plus.js beside dist/tillpoint.js. The specifier is
// computed, so esbuild leaves the import to run time instead of inlining the client.
export function loadClient(): Promise<typeof import('./client.js')> {
  const file = new URL('./loyalty-plus.js', import.meta.url).href;
  return import(file) as Promise<typeof import('./client.js')>;
}

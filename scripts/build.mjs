// Builds the single bundled file dist/tillpoint.js (see PITFALLS: unbundled Ink starts ~2x slower).
import { build } from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outfile = path.join(root, 'dist', 'tillpoint.js');

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  alias: {
    'react-devtools-core': path.join(root, 'src', 'cli', 'devtools-stub.ts'),
    // Same widths, without the Intl.Segmenter and RGI_Emoji regex that cost ~14 MB at start-up.
    'string-width': path.join(root, 'src', 'screens', 'text-width.ts'),
  },
  banner: {
    // A 1 MB young generation keeps the till's peak memory at start-up under its 80 MB budget
    // (measured by npm run bench: 82 MB with V8's default); `env -S` passes the flags on Linux.
    // Two V8 background threads instead of four: each costs its stack and malloc arena (78.1-78.5
    // MB with four, 76.0-76.8 MB with two, start time the same); with one, keystroke p99 grew
    // (13.6-20.1 ms against 11.4-17.0 ms with four and 11.4-13.6 ms with two).
    js: "#!/usr/bin/env -S node --max-semi-space-size=1 --v8-pool-size=2\nimport { createRequire as __tpCreateRequire } from 'node:module';\nconst require = __tpCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
};
const requireShim = "import { createRequire as __tpCreateRequire } from 'node:module';\nconst require = __tpCreateRequire(import.meta.url);";
// The Loyalty Plus client (undici) is a file of its own, loaded on first use (load-client.ts).
const clientLoader = {
  name: 'loyalty-plus-client-file',
  setup(b) {
    b.onResolve({ filter: /\/load-client\.js$/ }, (args) => ({ path: path.resolve(args.resolveDir, args.path).replace(/load-client\.js$/, 'load-client-dist.ts') }));
  },
};
// The SFTP transport likewise (load-sftp.ts): ssh2 is parsed only by a Test or an upload.
const sftpLoader = {
  name: 'sftp-file',
  setup(b) {
    b.onResolve({ filter: /\/load-sftp\.js$/ }, (args) => ({ path: path.resolve(args.resolveDir, args.path).replace(/load-sftp\.js$/, 'load-sftp-dist.ts') }));
  },
};
// ssh2 requires its optional native helpers inside try/catch and falls back to JavaScript: left
// unresolved, they fail at run time and are skipped. It also reads __dirname (ESM has none).
const sftpBuild = {
  external: ['*.node', 'cpu-features'],
  banner: { js: `${requireShim}\nconst __dirname = new URL('.', import.meta.url).pathname;` },
};
await build({ ...common, entryPoints: [path.join(root, 'src', 'cli', 'main.ts')], outfile, plugins: [clientLoader, sftpLoader] });
await build({ ...common, ...sftpBuild, entryPoints: [path.join(root, 'src', 'integrations', 'sftp', 'index.ts')], outfile: path.join(root, 'dist', 'sftp.js') });
// The uploads run in a worker thread: its own file, with the transport inside.
await build({ ...common, ...sftpBuild, entryPoints: [path.join(root, 'src', 'jobs', 'upload-job.ts')], outfile: path.join(root, 'dist', 'upload-job.js'), plugins: [sftpLoader] });
await build({ ...common, entryPoints: [path.join(root, 'src', 'integrations', 'loyaltyplus', 'client.ts')], outfile: path.join(root, 'dist', 'loyalty-plus.js'),
  banner: { js: requireShim } });
// Long jobs run in a worker thread, which loads its job as a module file of its own.
await build({ ...common, entryPoints: [path.join(root, 'src', 'jobs', 'accrual-job.ts')], outfile: path.join(root, 'dist', 'accrual-job.js'),
  banner: { js: requireShim } });
// The Loyalty Plus simulator (`npm run simulator`, tests and demos): a development tool, never
// part of the till's bundle.
await build({ ...common, entryPoints: [path.join(root, 'src', 'integrations', 'loyaltyplus', 'simulator', 'main.ts')],
  outfile: path.join(root, 'dist', 'simulator.js'), banner: { js: requireShim } });
// ssh2's native crypto, where its install built it, beside the bundles that require it by that
// relative path: without it ssh2 falls back to JavaScript crypto, measured 2-3x slower per upload.
const sshcrypto = path.join(root, 'node_modules', 'ssh2', 'lib', 'protocol', 'crypto', 'build', 'Release', 'sshcrypto.node');
if (existsSync(sshcrypto)) {
  mkdirSync(path.join(root, 'dist', 'crypto', 'build', 'Release'), { recursive: true });
  copyFileSync(sshcrypto, path.join(root, 'dist', 'crypto', 'build', 'Release', 'sshcrypto.node'));
}
chmodSync(outfile, 0o755);

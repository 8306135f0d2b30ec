// Each lowdb document parses, migrates and passes its schema, read exactly as the store reads it
// but never repaired here. The store's messages already name the file and the field.
import { DOC_NAMES } from '../store/documents.js';
import type { DocName } from '../store/documents-types.js';
import { fail, ok, warning, worst, type DoctorCheck, type Finding } from './types.js';

/** Documents a store from before them never had: missing and never saved is no news. */
const ADDED_LATER: ReadonlySet<DocName> = new Set<DocName>(['debtors', 'contracts', 'automation', 'operators']);

function docFinding(read: ReturnType<import('./documents-read.js').DocumentReader['read']>, name: DocName): Finding {
  if (read.ok) {
    if (read.fromBackup) {
      return warning(`${name}.json is damaged; its ${name}.json.bak reads (${read.fromBackup})`, `nothing to do: the next till or back office to start restores ${name}.json from ${name}.json.bak (the last change before a crash may be missing)`);
    }
    return ok(name);
  }
  if (read.missing) {
    if (ADDED_LATER.has(name) && !read.hadBackup) return ok(`${name} (not created yet)`);
    return fail(`${read.problem}`, `restore ${name}.json from a backup of the store folder; the next start would otherwise create it empty with the defaults`);
  }
  if (/install a newer tillpoint/.test(read.problem)) return fail(read.problem, 'install the tillpoint version that wrote this store (or newer)');
  return fail(read.problem, `correct that field in ${name}.json (or restore the file from a backup); the store refuses to open until it is valid`);
}

export const documentsCheck: DoctorCheck = {
  id: 'documents',
  title: 'Documents valid (lowdb)',
  async run(ctx): Promise<Finding> {
    const findings = DOC_NAMES.map((n) => docFinding(ctx.documents.read(n), n));
    if (findings.every((f) => f.status === 'ok')) return ok(`${DOC_NAMES.length} documents parse and pass their schemas: ${findings.map((f) => f.detail).join(', ')}`);
    return worst(findings, '');
  },
};

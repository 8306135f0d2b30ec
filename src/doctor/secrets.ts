// A last guard on the doctor's output: every check is written never to print a secret, and this
// replaces any that slipped through (in an error text from a library, say) before anything is shown.
import fs from 'node:fs';
import path from 'node:path';
import type { CheckResult } from './types.js';

/** Shorter values would also match ordinary words; the secrets in setup are longer than this. */
const MIN_SECRET_LENGTH = 4;

function secretsOf(value: unknown): string[] {
  const v = value as { loyaltyPlus?: { secretStart?: unknown; secretEnd?: unknown }; loyaltyPlusUploads?: { servers?: { password?: unknown }[] } } | null;
  const out = [v?.loyaltyPlus?.secretStart, v?.loyaltyPlus?.secretEnd, ...(Array.isArray(v?.loyaltyPlusUploads?.servers) ? v.loyaltyPlusUploads.servers.map((s) => s?.password) : [])];
  return out.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH);
}

/** The secrets in settings.json and its .bak, read raw (whatever state the documents are in). */
export function storeSecrets(dir: string): string[] {
  const found = new Set<string>();
  for (const f of ['settings.json', 'settings.json.bak']) {
    try {
      for (const s of secretsOf(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')))) found.add(s);
    } catch { /* missing or damaged: nothing to learn from it */ }
  }
  // Longest first, so a secret containing another is replaced whole.
  return [...found].sort((a, b) => b.length - a.length);
}

export function scrub(r: CheckResult, secrets: readonly string[]): CheckResult {
  if (secrets.length === 0) return r;
  const clean = (t: string): string => secrets.reduce((acc, s) => acc.split(s).join('[secret]'), t);
  return { ...r, detail: clean(r.detail), fix: clean(r.fix) };
}

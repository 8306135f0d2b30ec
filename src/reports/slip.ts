// A slip reprinted by its sale or refund number: the slip as it was printed (its file under
// slips/, which holds the provider's answer when one came), between the REPRINT marks the till's
// own renderSlip puts round a reprint. Without the file (say slips/ was cleared) it is rendered
// again from the journal.
import fs from 'node:fs';
import { renderSlip } from '../engine/slip.js';
import type { CompanyDetails } from '../engine/types.js';
import type { Store } from '../store/index.js';
import { slipFilePaths } from '../store/till-service-slips.js';

export interface Reprint {
  number: string;
  kind: 'sale' | 'refund';
  width: 40 | 80;
  /** file: from the slip as printed; journal: rendered again from the journal record. */
  source: 'file' | 'journal';
  text: string;
}

export class SlipNotFound extends Error {
  override name = 'SlipNotFound';
}

/** The mark line renderSlip writes first (and last) on a reprint. */
function markLine(company: CompanyDetails, width: 40 | 80, sample: Parameters<typeof renderSlip>[0]): string {
  return renderSlip(sample, company, width, { reprint: true }).split('\n')[0]!;
}

export function reprintSlip(store: Store, number: string, width: 40 | 80): Reprint {
  const wanted = number.trim().toUpperCase();
  const doc = store.journals.findDocument(wanted);
  if (!doc || (doc.kind !== 'sale' && doc.kind !== 'refund')) {
    throw new SlipNotFound(`no sale or refund ${JSON.stringify(number)} in the journals (a number looks like T1-000042)`);
  }
  const company = store.get('settings').company;
  const file = slipFilePaths(store.dir, doc, company)[width === 40 ? 'w40' : 'w80'];
  let original: string | null = null;
  try {
    original = fs.readFileSync(file, 'utf8');
  } catch { /* no file: rendered from the journal below */ }
  const mark = markLine(company, width, doc);
  const text = original === null ? renderSlip(doc, company, width, { reprint: true }) : `${mark}\n${original}${mark}\n`;
  return { number: wanted, kind: doc.kind, width, source: original === null ? 'journal' : 'file', text };
}

// Z slips as text files beside the sale slips: slips/<store date>/<number>-40.txt and -80.txt,
// created once, so a Z can be printed again exactly as it was.
import fs from 'node:fs';
import path from 'node:path';
import { renderCashupSlip } from '../../engine/cashup/slip.js';
import type { ZDoc } from '../../engine/cashup/types.js';
import type { CompanyDetails } from '../../engine/types.js';
import type { Store } from '../store.js';

export function zSlipText(doc: ZDoc, company: CompanyDetails, width: 40 | 80, reprint = false): string {
  return renderCashupSlip({ title: `Z REPORT ${doc.z} (${doc.day}) ${doc.number}`, till: doc.till, operator: doc.approvedBy ? `${doc.operator}/${doc.approvedBy}` : doc.operator,
    at: doc.completedAt, totals: doc.totals, counted: doc.counted, overShort: doc.overShort.amount, reprint }, company, width);
}

export function zSlipPaths(store: Store, doc: ZDoc): { w40: string; w80: string } {
  const dir = path.join(store.dir, 'slips', doc.day);
  return { w40: path.join(dir, `${doc.number}-40.txt`), w80: path.join(dir, `${doc.number}-80.txt`) };
}

/** The Z is recorded: slip files that cannot be written are a warning (they can be rebuilt from the record). */
export function writeZSlips(store: Store, doc: ZDoc): void {
  const company = store.get('settings').company;
  const paths = zSlipPaths(store, doc);
  try {
    fs.mkdirSync(path.dirname(paths.w40), { recursive: true });
    fs.writeFileSync(paths.w40, zSlipText(doc, company, 40), { flag: 'wx' });
    fs.writeFileSync(paths.w80, zSlipText(doc, company, 80), { flag: 'wx' });
  } catch (err) {
    store.warn(`slip files for Z ${doc.z} (${doc.number}) could not be written: ${(err as Error).message}`);
  }
}

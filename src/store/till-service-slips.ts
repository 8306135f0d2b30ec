// Slip text files: slips/<local date>/<document number>-40.txt and -80.txt under the data folder.
import fs from 'node:fs';
import path from 'node:path';
import type { CompanyDetails, CompletedRefund, CompletedSale } from '../engine/types.js';
import { replaceFileDurably } from './durable-file.js';

function localDate(iso: string, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

export function slipFilePaths(dataDir: string, doc: CompletedSale | CompletedRefund, company: CompanyDetails): { w40: string; w80: string } {
  const number = doc.kind === 'sale' ? doc.saleNumber : doc.refundNumber;
  const dir = path.join(dataDir, 'slips', localDate(doc.completedAt, company.timeZone));
  return { w40: path.join(dir, `${number}-40.txt`), w80: path.join(dir, `${number}-80.txt`) };
}

export function writeSlipFiles(dataDir: string, doc: CompletedSale | CompletedRefund, company: CompanyDetails, text: (width: 40 | 80) => string, o: { replace?: boolean } = {}): void {
  const paths = slipFilePaths(dataDir, doc, company);
  if (o.replace) {
    // The same slip with the loyalty provider's answer in: swapped whole, never half-written.
    replaceFileDurably(paths.w40, text(40));
    replaceFileDurably(paths.w80, text(80));
    return;
  }
  fs.mkdirSync(path.dirname(paths.w40), { recursive: true });
  // 'wx': a slip already on disk belongs to a sale that was shown; only its own rewrite replaces it.
  fs.writeFileSync(paths.w40, text(40), { flag: 'wx' });
  fs.writeFileSync(paths.w80, text(80), { flag: 'wx' });
}

// Shared by the outbox tests: a simulator with a known member, a client for it, a store in a temp
// folder, and sale/refund records carrying outbox entries appended through the till's writer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CompletedRefund, CompletedSale } from '../../src/engine/types.js';
import { createLoyaltyPlusClient } from '../../src/integrations/loyaltyplus/client.js';
import { earnEntry, earnRequestOf, refundEntry, refundRequestOf } from '../../src/integrations/loyaltyplus/outbox/entries.js';
import { startSimulator, type RunningSimulator } from '../../src/integrations/loyaltyplus/simulator/server.js';
import type { LoyaltyPlusApi, LoyaltyPlusConfig, Member } from '../../src/integrations/loyaltyplus/types.js';
import { openStore, type JournalRecord, type Store, type TillJournalWriter } from '../../src/store/index.js';

// Distinctive, so a test can prove they never reach a message or a file.
export const SECRETS = { secretStart: 'obx-Start-9Qz', secretEnd: 'obx-End-4Wv' };
export const IDS = { partnerId: 'P-200', terminalId: 'T1', apiId: 'API-9' };
export const MEMBER: Member = { account: '4000001', card: '6009000000001', name: 'Thandi Mokoena', points: 0, pointsValue: 0 };

export function startSim(): Promise<RunningSimulator> {
  return startSimulator({ host: '127.0.0.1', ...IDS, ...SECRETS, members: [MEMBER] });
}

export function configFor(sim: Pick<RunningSimulator, 'port' | 'caFile'>, timeoutSeconds = 5): LoyaltyPlusConfig {
  return {
    url: 'https://127.0.0.1', port: sim.port, ...SECRETS, ...IDS, timeoutSeconds, tls: 'TLSv1.2', caFile: sim.caFile,
  };
}

export function clientFor(sim: RunningSimulator, timeoutSeconds = 5): LoyaltyPlusApi {
  return createLoyaltyPlusClient(configFor(sim, timeoutSeconds));
}

export async function tempStore(): Promise<{ dir: string; store: Store; warnings: string[] }> {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tillpoint-outbox-')), 'store');
  const warnings: string[] = [];
  const store = await openStore(dir, { stderr: false, log: (l) => warnings.push(l) });
  return { dir, store, warnings };
}

/** A completed sale as TillService makes one (the shape of tests/store/helpers.ts's sample). */
export function saleDoc(till: string, seq: number, total: number, at: string): CompletedSale {
  const saleNumber = `${till}-${String(seq).padStart(6, '0')}`;
  const tax = Math.round((total * 1500) / 11500);
  return {
    kind: 'sale', saleNumber, till, operator: 'system', startedAt: at, completedAt: at,
    lines: [{ lineNo: 1, itemCode: 'BREAD', barcode: '6001', description: 'Bread', qty: 1, unitPrice: total, taxRate: 1500, discount: 0, value: total }],
    voidedLines: 0, total, tax: [{ rate: 1500, gross: total, tax }], taxTotal: tax,
    tenders: [{ tenderCode: 'CARD', kind: 'card', name: 'Card', amount: total }], rounding: 0, change: 0,
  };
}

export function refundDoc(till: string, seq: number, sale: CompletedSale, at: string): CompletedRefund {
  return {
    kind: 'refund', refundNumber: `${till}-${String(seq).padStart(6, '0')}`, saleNumber: sale.saleNumber, till, operator: 'system',
    completedAt: at, lines: [{ lineNo: 1, itemCode: 'BREAD', description: 'Bread', qty: 1, taxRate: 1500, value: sale.total }],
    total: sale.total, tax: sale.tax, taxTotal: sale.taxTotal,
    tenders: [{ tenderCode: 'CARD', kind: 'card', name: 'Card', amount: sale.total }], rounding: 0,
  };
}

/** Appends a sale whose record carries its earn entry (and an unrelated row, as loyalty rows would be). */
export function recordSale(w: TillJournalWriter, total: number, at: string): { rec: JournalRecord; sale: CompletedSale } {
  const sale = saleDoc(w.till, w.nextSeq(), total, at);
  const rows = [{ kind: 'note', text: 'another kind of row' }, earnEntry(earnRequestOf(sale, MEMBER.account))];
  return { rec: w.append({ kind: 'sale', operator: 'system', at, doc: sale, rows }), sale };
}

export function recordRefund(w: TillJournalWriter, sale: CompletedSale, at: string): JournalRecord {
  const refund = refundDoc(w.till, w.nextSeq(), sale, at);
  return w.append({ kind: 'refund', operator: 'system', at, doc: refund, rows: [refundEntry(refundRequestOf(refund, MEMBER.account))] });
}

export interface AckLine { id: string; result: 'delivered' | 'failed'; at: string; answer?: { points?: number; balance?: number }; error?: { kind: string; message: string } }

/** The acks file's lines, checksums checked. */
export function readAcks(dir: string, till = 'T1'): AckLine[] {
  const file = path.join(dir, 'outbox', `${till}.acks.jsonl`);
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => {
    if (!/^[0-9a-f]{8} /.test(l)) throw new Error(`not an ack line: ${l}`);
    return JSON.parse(l.slice(9)) as AckLine;
  });
}

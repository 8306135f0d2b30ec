// A store on Loyalty Plus with loyalty sales rung up by the real TillService (the member set on
// the sale as the till's F7 does once the card is known), pointed at the test's sshd; and what
// the server holds, read back from the sshd's upload folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { openStore, type Store } from '../../src/store/index.js';
import { TillService } from '../../src/store/till-service.js';
import { loyaltyPlusRowHooks } from '../../src/integrations/loyaltyplus/till/row-hooks.js';
import type { SftpServer } from '../../src/store/uploads-settings.js';
import type { SshdServer } from '../sftp/sshd-server.js';

export const IDS = { partnerId: 'P-300', terminalId: 'TERM-9' };
export const MEMBER = { number: '6009000000001', account: '4000001', name: 'Thandi Mokoena' };

export async function loyaltyStore(): Promise<{ dir: string; store: Store; warnings: string[] }> {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tillpoint-up-')), 'store');
  const warnings: string[] = [];
  const store = await openStore(dir, { stderr: false, log: (l) => warnings.push(l) });
  await store.edit('settings', (d) => {
    d.defaults2.loyaltyProvider = 'loyalty-plus';
    d.loyaltyPlus = {
      enabled: true, url: 'https://127.0.0.1', port: 9, secretStart: 'upS-Start-1', secretEnd: 'upS-End-2', ...IDS, apiId: 'API-1',
      timeoutSeconds: 2, tls: 'TLSv1.2', caFile: '', testResults: [],
    };
  });
  await store.edit('items', (d) => {
    d.items.push({ code: 'BREAD', barcode: '', description: 'Bread, "farm" style', price: 1500, taxRate: 1500 });
    d.items.push({ code: 'MILK', barcode: '', description: 'Milk', price: 2300, taxRate: 1500 });
  });
  return { dir, store, warnings };
}

export async function useServer(store: Store, server: SftpServer, uploadPath = '/upload'): Promise<void> {
  await store.edit('settings', (d) => {
    d.loyaltyPlusUploads = { servers: [server], account: server.name, uploadPath, testResults: [] };
  });
}

/** A till session as a till process on Loyalty Plus opens it: the member's calls ride on its records. */
function openTill(store: Store, till: string): TillService {
  const t = TillService.open(store, { till, operator: 'ann', now: () => new Date() });
  t.setHooks(loyaltyPlusRowHooks());
  return t;
}

/**
 * Rings up `n` sales on `till`, every `memberEvery`-th with the member (1: all), and returns the
 * sale numbers of those with the member (the ones to be uploaded).
 */
export function sell(store: Store, till: string, n: number, memberEvery = 1): string[] {
  const t = openTill(store, till);
  const out: string[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const withMember = i % memberEvery === 0;
      if (withMember) t.setMember({ ...MEMBER });
      t.scan(i % 2 === 0 ? 'BREAD' : 'MILK', 1 + (i % 3));
      const sale = t.addTender('CASH')!;
      if (withMember) out.push(sale.saleNumber);
    }
  } finally {
    t.close();
  }
  return out;
}

export function refundAll(store: Store, till: string, saleNumber: string): string {
  const t = openTill(store, till);
  try {
    return t.refund(saleNumber, 'all').refundNumber;
  } finally {
    t.close();
  }
}

export interface ServerFile {
  name: string;
  rows: Record<string, string>[];
}

/** Every final file in the upload folder (not `.part` ones), sorted by name. */
export function serverFiles(sshd: SshdServer, sub = ''): ServerFile[] {
  const dir = path.join(sshd.uploadDir, sub);
  return fs.readdirSync(dir).filter((n) => n.endsWith('.csv')).sort().map((name) => ({
    name,
    rows: parse(fs.readFileSync(path.join(dir, name)), { columns: true }) as Record<string, string>[],
  }));
}

/** Every document number on the server, as often as it appears there. */
export function serverDocuments(sshd: SshdServer, sub = ''): string[] {
  return serverFiles(sshd, sub).flatMap((f) => f.rows.map((r) => r.document!));
}

export function clearUploads(sshd: SshdServer): void {
  for (const n of fs.readdirSync(sshd.uploadDir)) fs.rmSync(path.join(sshd.uploadDir, n), { recursive: true, force: true });
}

/** Every file under `dir` but settings.json (and its .bak), with its bytes as text. */
export function filesBesidesSettings(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!/^settings\.json(\.bak)?$/.test(e.name)) out.push({ file: path.relative(dir, p), text: fs.readFileSync(p, 'latin1') });
    }
  };
  walk(dir);
  return out;
}

export const FAST_RETRIES = [10, 20, 40];

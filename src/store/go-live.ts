// The go-live checklist (Utilities > Data > Go-live checklist): the seed's Loyalty Plus checklist,
// each item either proven from what the store recorded (Tests passed, the upload event, backups,
// the epoch reset, an enrolment and a redeem after it) or ticked by an operator with who and when.
// Reading only: the facts come from settings, automation.json, the backups, the epoch history, the
// enrolment log and the journals' tails after the reset's marks, never from the whole history.
import fs from 'node:fs';
import path from 'node:path';
import { formatMoney } from '../engine/money.js';
import type { CompletedSale } from '../engine/types.js';
import { wallTime } from '../engine/zoned-time.js';
import { readEnrolments, type EnrolmentTrace } from '../integrations/loyaltyplus/till/enrolment.js';
import { automationEvents } from './automation.js';
import { GO_LIVE_ITEMS, LOYALTY_PLUS_SALES_EVENT, type GoLiveItem, type GoLiveTick } from './automation-types.js';
import { StoreError } from './errors.js';
import { BACK_OFFICE_JOURNAL } from './back-office-types.js';
import { loyaltyPlusSettingsOf } from './loyalty-plus-settings.js';
import { BACKUPS_DIR, epochHistory, readManifest } from './loyalty-tables/index.js';
// Not in the index: the marks' byte offsets, which let the redeem read only the tails.
import { epochStarts } from './loyalty-tables/book-epoch.js';
import { currentMarks, type EpochMarks } from './loyalty-tables/epoch-records.js';
import type { Store } from './store.js';
import { uploadsSettingsOf, type UploadsSettings } from './uploads-settings.js';

export interface GoLiveRow {
  item: GoLiveItem;
  label: string;
  /** verified: the system decides from recorded results; ticked: an operator says it is done. */
  how: 'verified' | 'ticked';
  done: boolean;
  detail: string;
  /** Ticked items only, once ticked. */
  by?: string;
  at?: string;
}

// At most 36 characters: the checklist shows each on one row beside its detail.
const LABELS: Record<GoLiveItem, string> = {
  'partner-details': 'Partner and Terminal IDs received',
  'web-service-tested': 'Web service set up and tested',
  'sftp-tested': 'SFTP uploads set up and tested',
  'automation-set': 'Upload automation event set up',
  'backup-taken': 'Loyalty tables backed up',
  'tables-cleared': 'Loyalty tables deleted (clean start)',
  'layouts-checked': 'Layouts show the loyalty member',
  'enrolment-tested': 'Enrolment tested at the store',
  'redeem-tested': 'Redeem tested at the store',
};

/** What each verified item is proven by: also the reason a hand tick is refused. */
const PROOF: Partial<Record<GoLiveItem, string>> = {
  'web-service-tested': 'a passed Test of the web service (Module Parameters > Web Services)',
  'sftp-tested': 'a passed Test of the SFTP account (Module Parameters > Loyalty Uploads)',
  'automation-set': `the enabled event ${LOYALTY_PLUS_SALES_EVENT} (Setup Automation Events)`,
  'backup-taken': 'a backup made with Backup Loyalty tables',
  'tables-cleared': 'Delete Loyalty tables having run',
  'enrolment-tested': 'a Loyalty Plus enrolment at a till after the tables were deleted',
  'redeem-tested': 'a sale paid with an authorised Loyalty Plus tender after the tables were deleted',
};

export const goLiveLabel = (item: GoLiveItem): string => LABELS[item];
export const isVerifiedItem = (item: GoLiveItem): boolean => PROOF[item] !== undefined;
/** What proves a verified item ("a passed Test of ..."), or null for an operator's item. */
export const goLiveProof = (item: GoLiveItem): string | null => PROOF[item] ?? null;

const two = (n: number): string => String(n).padStart(2, '0');
function stampOf(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const w = wallTime(ms, timeZone);
  return `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}`;
}
const newest = <T extends { at: string }>(list: readonly T[]): T | undefined =>
  list.reduce<T | undefined>((best, x) => (best === undefined || Date.parse(x.at) >= Date.parse(best.at) ? x : best), undefined);
const atOrAfter = (iso: string, from: string): boolean => Date.parse(iso) >= Date.parse(from);

interface Redeem { sale: string; at: string; amount: number }

const FOUND = Symbol('found');

/**
 * The first sale after the epoch's marks with an authorised Loyalty Plus tender. Each till journal
 * is read from the byte where its mark ends (the back-office journal not at all), so only the
 * tails after the reset are decoded, and the reading stops at the first redeem.
 */
export function firstRedeemSince(store: Store, epoch: EpochMarks): Redeem | null {
  if (epoch.startedAt === null) return null;
  const lp = new Set(store.get('tenders').tenders.filter((t) => t.useLoyaltyPlus).map((t) => t.code));
  let found: Redeem | null = null;
  try {
    store.journals.scanFrom(epochStarts(store, epoch, (till) => till !== BACK_OFFICE_JOURNAL), (rec) => {
      if (rec.kind !== 'sale' || rec.seq <= (epoch.from[rec.till] ?? 0)) return;
      const sale = rec.doc as CompletedSale;
      // A tender since renamed away still counts: only Loyalty Plus gives authorisations.
      const t = sale.tenders.find((x) => typeof x.authorisation === 'string' && x.authorisation !== '' && (lp.has(x.tenderCode) || x.kind === 'loyalty'));
      if (!t) return;
      found = { sale: sale.saleNumber, at: sale.completedAt, amount: t.amount };
      throw FOUND;
    });
  } catch (e) {
    if (e !== FOUND) throw e;
  }
  return found;
}

/**
 * The backups under backups/ that have a readable manifest (written last, so a half-written folder
 * has none). Only the manifests are read: whether one still matches the current data means
 * reading the whole epoch, which Delete Loyalty tables does when it lists them.
 */
function backupsTaken(store: Store): { dir: string; at: string }[] {
  let names: string[];
  try {
    names = fs.readdirSync(path.join(store.dir, BACKUPS_DIR));
  } catch {
    return [];
  }
  const storeId = store.get('settings').storeId;
  const out: { dir: string; at: string }[] = [];
  for (const name of names) {
    try {
      const { manifest } = readManifest(path.join(store.dir, BACKUPS_DIR, name));
      if (manifest.storeId === storeId) out.push({ dir: path.join(BACKUPS_DIR, name), at: manifest.takenAt });
    } catch {
      // not a backup (no manifest yet, or one this tillpoint cannot read)
    }
  }
  return out;
}

function testRow(results: readonly { at: string; ok: boolean; kind?: string; account: string }[], tz: string): { done: boolean; detail: string } {
  const passed = newest(results.filter((r) => r.ok));
  const last = newest(results);
  if (!passed) return { done: false, detail: last ? `last Test failed ${stampOf(last.at, tz)} (${last.kind ?? 'failed'}); none passed yet` : 'no Test run yet' };
  const later = last && !last.ok && Date.parse(last.at) > Date.parse(passed.at) ? `; a later Test failed ${stampOf(last.at, tz)} (${last.kind ?? 'failed'})` : '';
  return { done: true, detail: `passed ${stampOf(passed.at, tz)}${passed.account ? ` (${passed.account})` : ''}${later}` };
}

/** Only Tests of the account the uploads use count: a passed Test of another says nothing of it. */
function sftpRow(u: UploadsSettings, tz: string): { done: boolean; detail: string } {
  if (u.account === '') return { done: false, detail: 'no account chosen for the uploads (FTP Setup)' };
  return testRow(u.testResults.filter((r) => r.account === u.account), tz);
}

/** Every item of the checklist, in the seed's order. */
export function goLiveChecklist(store: Store): GoLiveRow[] {
  const settings = store.get('settings');
  const tz = settings.company.timeZone;
  const fmt = { symbol: settings.company.currencySymbol, decimals: settings.company.currencyDecimals };
  const lp = loyaltyPlusSettingsOf(settings);
  const ticks = settings.goLive?.ticks ?? [];
  const epoch = currentMarks(store);
  // Journal order decides which came last, not the clocks of the processes that wrote them.
  const lastEpochChange = epochHistory(store).at(-1);
  const cleared = lastEpochChange?.action === 'reset' ? lastEpochChange : undefined;
  const since = cleared ? epoch.startedAt ?? cleared.at : null;
  const waitClear = 'waits for Delete Loyalty tables (it must come after the tables are cleared)';

  const verified = (item: GoLiveItem): { done: boolean; detail: string } => {
    switch (item) {
      case 'web-service-tested':
        return testRow(lp.testResults, tz);
      case 'sftp-tested':
        return sftpRow(uploadsSettingsOf(settings), tz);
      case 'automation-set': {
        const e = automationEvents(store).find((x) => x.name === LOYALTY_PLUS_SALES_EVENT);
        if (!e) return { done: false, detail: 'not set up: use Setup Automation Events' };
        return e.enabled ? { done: true, detail: `enabled, schedule ${e.cron}` } : { done: false, detail: 'set up but disabled (Utilities > Automation)' };
      }
      case 'backup-taken': {
        const all = backupsTaken(store);
        const b = newest(all);
        if (!b) return { done: false, detail: 'no backup yet' };
        return { done: true, detail: `newest ${stampOf(b.at, tz)} in ${b.dir}${all.length > 1 ? ` (${all.length} backups)` : ''}` };
      }
      case 'tables-cleared':
        if (!cleared) return { done: false, detail: lastEpochChange ? `restored from a backup ${stampOf(lastEpochChange.at, tz)}: delete them again` : 'not deleted yet' };
        return { done: true, detail: `${stampOf(cleared.at, tz)} by ${cleared.operator}, ${formatMoney(cleared.writeOff, fmt)} written off to ${cleared.account}` };
      case 'enrolment-tested': {
        if (since === null) return { done: false, detail: waitClear };
        const e: EnrolmentTrace | undefined = readEnrolments(store.dir).find((x) => atOrAfter(x.at, since));
        return e ? { done: true, detail: `card ${e.card} at till ${e.till}, ${stampOf(e.at, tz)}` } : { done: false, detail: 'no enrolment since the tables were deleted' };
      }
      case 'redeem-tested': {
        if (since === null) return { done: false, detail: waitClear };
        const r = firstRedeemSince(store, epoch);
        return r ? { done: true, detail: `sale ${r.sale}, ${formatMoney(r.amount, fmt)} redeemed, ${stampOf(r.at, tz)}` } : { done: false, detail: 'no sale with the Loyalty Plus tender since the tables were deleted' };
      }
      default:
        return { done: false, detail: '' };
    }
  };

  return GO_LIVE_ITEMS.map((item): GoLiveRow => {
    if (isVerifiedItem(item)) return { item, label: LABELS[item], how: 'verified', ...verified(item) };
    const tick = ticks.find((t) => t.item === item);
    if (tick) return { item, label: LABELS[item], how: 'ticked', done: true, detail: `ticked by ${tick.by} ${stampOf(tick.at, tz)}`, by: tick.by, at: tick.at };
    const hint = item === 'partner-details' && lp.partnerId !== '' && lp.terminalId !== ''
      ? `not ticked (Partner ID ${lp.partnerId}, Terminal ID ${lp.terminalId} are set)`
      : 'not ticked: tick it once checked';
    return { item, label: LABELS[item], how: 'ticked', done: false, detail: hint };
  });
}

function assertTickable(item: GoLiveItem): void {
  if (!(GO_LIVE_ITEMS as readonly string[]).includes(item)) {
    throw new StoreError('INVALID', `Checklist item: expected one of ${GO_LIVE_ITEMS.join(', ')}`, { field: 'item' });
  }
  const proof = PROOF[item];
  if (proof !== undefined) {
    throw new StoreError('INVALID', `"${LABELS[item]}" is checked by the system from ${proof}: it cannot be ticked by hand`, { field: 'item' });
  }
}

/** Ticks an operator item (saved in settings.json goLive.ticks with who and when). */
export async function tickGoLiveItem(store: Store, item: GoLiveItem, operator: string, now: Date): Promise<GoLiveTick> {
  assertTickable(item);
  const by = typeof operator === 'string' ? operator.trim() : '';
  if (by === '' || by.length > 32) throw new StoreError('INVALID', 'Operator: expected who ticks it (1 to 32 characters)', { field: 'operator' });
  const tick: GoLiveTick = { item, by, at: now.toISOString() };
  let already: GoLiveTick | undefined;
  await store.edit('settings', (d) => {
    const ticks = d.goLive?.ticks ?? [];
    already = ticks.find((t) => t.item === item);
    if (!already) d.goLive = { ...d.goLive, ticks: [...ticks, tick] };
  });
  if (already) {
    const tz = store.get('settings').company.timeZone;
    throw new StoreError('INVALID', `"${LABELS[item]}" is already ticked by ${already.by} ${stampOf(already.at, tz)}`, { field: 'item' });
  }
  return tick;
}

/** Takes an operator's tick back; the tick removed is returned. */
export async function untickGoLiveItem(store: Store, item: GoLiveItem): Promise<GoLiveTick> {
  assertTickable(item);
  let removed: GoLiveTick | undefined;
  await store.edit('settings', (d) => {
    const ticks = d.goLive?.ticks ?? [];
    removed = ticks.find((t) => t.item === item);
    if (removed) d.goLive = { ...d.goLive, ticks: ticks.filter((t) => t.item !== item) };
  });
  if (!removed) throw new StoreError('INVALID', `"${LABELS[item]}" is not ticked`, { field: 'item' });
  return removed;
}

// The audit lines a till session writes itself (line voids, abandoned sales, refunds), so the
// till screen and `tillpoint refund` record the same. The change is already made when they are
// written: a line that cannot be written is a warning, never a lost or refused sale.
import { formatMoney, type MoneyFormat } from '../engine/money.js';
import * as sales from '../engine/sale.js';
import type { CashRounding, CompletedRefund, OpenSale } from '../engine/types.js';
import type { Store } from './store.js';
import type { AuditEntry } from './audit/types.js';

type Entry = Omit<AuditEntry, 'at' | 'operator' | 'till'>;

export interface TillAuditContext {
  store: Store;
  till: string;
  operator: string;
  at: string;
  money: MoneyFormat;
}

/** Runs `fn`; a throw becomes a warning (what follows a recorded sale must not fail it). */
export function warnOnThrow(fn: () => void, warn: (message: string) => void): void {
  try {
    fn();
  } catch (err) {
    warn((err as Error).message);
  }
}

function write(ctx: TillAuditContext, entry: Entry): void {
  warnOnThrow(() => ctx.store.audit({ operator: ctx.operator, till: ctx.till, at: ctx.at, ...entry }), (m) => ctx.store.warn(`not in the audit trail (${entry.detail}): ${m}`));
}

const approval = (approvedBy?: string) => (approvedBy ? { approvedBy } : {});

export function auditVoidLine(ctx: TillAuditContext, sale: OpenSale, lineId: number, approvedBy?: string): void {
  const line = sale.lines.find((l) => l.id === lineId);
  if (!line) return;
  write(ctx, { kind: 'void-line', ref: sale.id, ...approval(approvedBy),
    detail: `line ${lineId} voided: ${line.itemCode} ${line.description} x${line.qty} at ${formatMoney(line.unitPrice, ctx.money)}` });
}

export function auditAbandon(ctx: TillAuditContext, sale: OpenSale, reason: string, rounding: CashRounding): void {
  const { total } = sales.saleTotals(sale, rounding);
  const lines = sale.lines.filter((l) => !l.voided).length;
  write(ctx, { kind: 'void-sale', ref: sale.id, detail: `sale ${reason}: ${lines} line(s), ${formatMoney(total, ctx.money)}` });
}

export function auditRefund(ctx: TillAuditContext, refund: CompletedRefund, approvedBy?: string): void {
  write(ctx, { kind: 'refund', ref: refund.refundNumber, ...approval(approvedBy),
    detail: `refund of ${refund.saleNumber}: ${formatMoney(refund.total, ctx.money)}` });
}

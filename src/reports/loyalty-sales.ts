// Loyalty sales per till: the sales and refunds of the period that had a loyalty customer, a
// debtor of the built-in loyalty or a Loyalty Plus member. Refunds count negative.
import type { Store } from '../store/index.js';
import { eachSaleOrRefund, signOf, type SaleOrRefund } from './documents.js';
import type { Report, Row } from './types.js';

/** Which loyalty a document had, or null: a member is Loyalty Plus; a loyalty debtor is built-in. */
export function loyaltyOf(doc: SaleOrRefund, isLoyaltyDebtor: (code: string) => boolean): 'loyalty-plus' | 'built-in' | null {
  if (doc.member) return 'loyalty-plus';
  // A sale earns built-in loyalty only when the built-in provider ran it (it then has `loyalty`);
  // a refund carries `loyalty` only when its sale earned, so its debtor decides.
  if (!doc.debtor || !isLoyaltyDebtor(doc.debtor)) return null;
  return doc.kind === 'refund' || doc.loyalty !== undefined ? 'built-in' : null;
}

export function loyaltyDebtors(store: Store): (code: string) => boolean {
  const codes = new Set(store.get('debtors').debtors.filter((d) => d.loyalty.applicable !== 'no').map((d) => d.code));
  return (code) => codes.has(code);
}

export const loyaltySalesReport: Report = {
  name: 'loyalty-sales',
  title: 'Loyalty sales per till',
  describe: 'sales and refunds with a loyalty debtor or Loyalty Plus member, per till (period)',
  period: 'day',
  totals: true,
  columns: [
    { key: 'till', title: 'Till', kind: 'text' },
    { key: 'sales', title: 'Sales', kind: 'count' },
    { key: 'salesValue', title: 'Sales value', kind: 'money' },
    { key: 'refunds', title: 'Refunds', kind: 'count' },
    { key: 'refundsValue', title: 'Refunds value', kind: 'money' },
    { key: 'net', title: 'Net', kind: 'money' },
    { key: 'builtIn', title: 'Built-in', kind: 'count' },
    { key: 'loyaltyPlus', title: 'Loyalty Plus', kind: 'count' },
  ],
  rows(ctx) {
    const isLoyalty = loyaltyDebtors(ctx.store);
    const byTill = new Map<string, Row & { till: string; sales: number; salesValue: number; refunds: number; refundsValue: number; net: number; builtIn: number; loyaltyPlus: number }>();
    eachSaleOrRefund(ctx, (doc) => {
      const kind = loyaltyOf(doc, isLoyalty);
      if (kind === null) return;
      let r = byTill.get(doc.till);
      if (!r) byTill.set(doc.till, (r = { till: doc.till, sales: 0, salesValue: 0, refunds: 0, refundsValue: 0, net: 0, builtIn: 0, loyaltyPlus: 0 }));
      if (doc.kind === 'sale') {
        r.sales += 1;
        r.salesValue += doc.total;
      } else {
        r.refunds += 1;
        r.refundsValue += doc.total;
      }
      r.net += signOf(doc) * doc.total;
      if (kind === 'built-in') r.builtIn += 1;
      else r.loyaltyPlus += 1;
    });
    return [...byTill.values()].sort((a, b) => (a.till < b.till ? -1 : a.till > b.till ? 1 : 0));
  },
};

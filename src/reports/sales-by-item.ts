// Quantity and value per item in the period: sold, refunded and what is left (net).
import { eachSaleOrRefund } from './documents.js';
import type { Report } from './types.js';

interface ItemRow { [key: string]: string | number; item: string; description: string; soldQty: number; soldValue: number; refundedQty: number; refundedValue: number; netQty: number; netValue: number }

export const salesByItemReport: Report = {
  name: 'sales-by-item',
  title: 'Sales by item',
  describe: 'quantity and value sold, refunded and net per item (period)',
  period: 'day',
  totals: true,
  columns: [
    { key: 'item', title: 'Item', kind: 'text' },
    { key: 'description', title: 'Description', kind: 'text' },
    { key: 'soldQty', title: 'Sold', kind: 'count' },
    { key: 'soldValue', title: 'Sold value', kind: 'money' },
    { key: 'refundedQty', title: 'Refunded', kind: 'count' },
    { key: 'refundedValue', title: 'Refunded value', kind: 'money' },
    { key: 'netQty', title: 'Net qty', kind: 'count' },
    { key: 'netValue', title: 'Net value', kind: 'money' },
  ],
  rows(ctx) {
    const items = new Map<string, ItemRow>();
    const row = (code: string, description: string): ItemRow => {
      let r = items.get(code);
      if (!r) items.set(code, (r = { item: code, description, soldQty: 0, soldValue: 0, refundedQty: 0, refundedValue: 0, netQty: 0, netValue: 0 }));
      return r;
    };
    eachSaleOrRefund(ctx, (doc) => {
      for (const l of doc.lines) {
        const r = row(l.itemCode, l.description);
        if (doc.kind === 'sale') {
          r.soldQty += l.qty;
          r.soldValue += l.value;
        } else {
          r.refundedQty += l.qty;
          r.refundedValue += l.value;
        }
        r.netQty = r.soldQty - r.refundedQty;
        r.netValue = r.soldValue - r.refundedValue;
      }
    });
    return [...items.values()].sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
  },
};

// Sales per hour of the day in the store's time zone, over every day of the period: how many
// sales and refunds and their net value, from the first to the last hour with any.
import { wallTime } from '../engine/zoned-time.js';
import { eachSaleOrRefund, signOf } from './documents.js';
import type { Report, Row } from './types.js';

export const salesByHourReport: Report = {
  name: 'sales-by-hour',
  title: 'Sales by hour',
  describe: 'sales, refunds and net value per hour of day, with a bar chart (period)',
  period: 'day',
  totals: true,
  chart: 'net',
  columns: [
    { key: 'hour', title: 'Hour', kind: 'text' },
    { key: 'sales', title: 'Sales', kind: 'count' },
    { key: 'salesValue', title: 'Sales value', kind: 'money' },
    { key: 'refunds', title: 'Refunds', kind: 'count' },
    { key: 'refundsValue', title: 'Refunds value', kind: 'money' },
    { key: 'net', title: 'Net', kind: 'money' },
  ],
  rows(ctx) {
    const timeZone = ctx.store.get('settings').company.timeZone;
    const hours = Array.from({ length: 24 }, (_, h) => ({ hour: `${String(h).padStart(2, '0')}:00`, sales: 0, salesValue: 0, refunds: 0, refundsValue: 0, net: 0 }));
    eachSaleOrRefund(ctx, (doc) => {
      const h = hours[wallTime(Date.parse(doc.completedAt), timeZone).hour]!;
      if (doc.kind === 'sale') {
        h.sales += 1;
        h.salesValue += doc.total;
      } else {
        h.refunds += 1;
        h.refundsValue += doc.total;
      }
      h.net += signOf(doc) * doc.total;
    });
    const used = hours.map((h, i) => (h.sales + h.refunds > 0 ? i : -1)).filter((i) => i >= 0);
    if (used.length === 0) return [];
    return hours.slice(used[0], used.at(-1)! + 1) as Row[];
  },
};

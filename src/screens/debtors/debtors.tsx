// Main Menu > Debtors: the debtors (list with Find by code, name or cellphone) and the Debtor file
// (tabs General | Account | Loyalty) for Add and Edit. The read-only figures (account balance and
// the five loyalty balances) come from the loyalty book at the moment the form opens. Each Accept
// re-reads debtors.json under the store lock (applyDebtor), refusing what `import debtors` refuses.
// The Account tab adds Headroom and F2 Receive Payment (debtor-account.tsx).
import { useMemo, useRef, type ReactNode } from 'react';
import { formatMoney, type MoneyFormat } from '../../engine/money.js';
import type { Debtor } from '../../store/documents-types.js';
import type { Store } from '../../store/index.js';
import { LoyaltyBook } from '../../store/loyalty-book.js';
import { backOffice } from '../../store/index.js';
import type { DebtorAccountView } from '../../store/back-office-types.js';
import { useApp, useNavigation } from '../app-context.js';
import { matchesEveryWord } from '../forms/list-search.js';
import { MasterFileScreen, type MasterFile } from '../forms/master-file-screen.js';
import type { ListColumn } from '../forms/record-list.js';
import { applyDebtor, debtorEditFromValues, debtorFields, debtorValues, shortApplicable, type DebtorFigures } from './debtor-fields.js';
import { accountTabValues, receivePaymentCommand, withHeadroom } from './debtor-account.js';

export const DEBTORS_BREADCRUMB = ['Debtors'];

/** How often the list reads journals other tills appended (its Available column). */
const LIST_CATCH_UP_MS = 1000;

function moneyOf(store: Store): MoneyFormat {
  const c = store.get('settings').company;
  return { symbol: c.currencySymbol, decimals: c.currencyDecimals };
}

export function debtorMatches(d: Debtor, query: string): boolean {
  return matchesEveryWord(query, [d.code, d.name, d.cellphone]);
}

// 2 (selection mark) + 70 + 4 separators = 76, the content width of an 80-column terminal.
export function debtorColumns(available: (d: Debtor) => string): ListColumn<Debtor>[] {
  return [
    { title: 'Code', width: 8, get: (d) => d.code },
    { title: 'Name', width: 17, get: (d) => d.name },
    { title: 'Cellphone', width: 16, get: (d) => d.cellphone },
    { title: 'Loyalty applicable', width: 18, get: (d) => shortApplicable(d.loyalty) },
    { title: '  Available', width: 11, get: (d) => available(d).padStart(11) },
  ];
}

export function DebtorsScreen(): ReactNode {
  const { store } = useApp();
  const nav = useNavigation();
  // The file is built once; pushing the payment screen must use the navigation of this render.
  const navRef = useRef(nav);
  navRef.current = nav;
  const file = useMemo<MasterFile<Debtor>>(() => {
    const book = LoyaltyBook.of(store);
    const api = backOffice(store);
    const accountOf = (editing: Debtor | null): DebtorAccountView | null => {
      if (editing === null) return null;
      try {
        return api.account(editing.code);
      } catch {
        return null; // gone in another terminal: the form's Accept says so
      }
    };
    let caughtUp = 0;
    const catchUp = (force: boolean): void => {
      const t = Date.now();
      if (!force && t - caughtUp < LIST_CATCH_UP_MS) return;
      caughtUp = t;
      book.catchUp();
    };
    catchUp(true);
    const now = (): string => new Date().toISOString();
    const figures = (editing: Debtor | null): DebtorFigures => {
      catchUp(true);
      const at = now();
      const b = editing === null ? null : book.balances(editing.code, at);
      return {
        accountBalance: editing === null ? 0 : book.accountBalance(editing.code),
        balances: b ?? { monthToDate: 0, pendingAccrual: 0, accrued: 0, redeemed: 0, available: 0 },
        timeZone: store.get('settings').company.timeZone,
      };
    };
    return {
      breadcrumb: DEBTORS_BREADCRUMB,
      noun: 'debtor',
      columns: debtorColumns((d) => formatMoney(book.balances(d.code, now()).available, { decimals: moneyOf(store).decimals ?? 2 })),
      emptyText: 'No debtors yet: press Ins or F2 to add one (or tillpoint import debtors)',
      refusals: {
        delete: 'Delete: debtors are not deleted, because sales, contracts and loyalty rows refer to them',
      },
      rows: () => {
        catchUp(false);
        return store.get('debtors').debtors;
      },
      keyOf: (d) => d.code,
      formCrumb: (d) => (d === null ? 'Add' : `Edit ${d.code}`),
      fields: (editing) => withHeadroom(debtorFields({ editing, debtors: () => store.get('debtors').debtors, money: moneyOf(store), now })),
      values: (editing) => ({ ...debtorValues(editing, moneyOf(store), figures(editing)), ...accountTabValues(accountOf(editing), moneyOf(store)) }),
      commands: (editing) => (editing === null ? [] : [receivePaymentCommand({
        debtor: editing.code, breadcrumb: [...DEBTORS_BREADCRUMB, `Edit ${editing.code}`], money: moneyOf(store), push: (s) => navRef.current.push(s),
      })]),
      save: async (values, editing) => {
        const money = moneyOf(store);
        const edit = debtorEditFromValues(values, money);
        await store.edit('debtors', (draft) => {
          // The instant of the change, taken under the lock: the switch-on time when loyalty goes on.
          applyDebtor(draft, edit, editing === null, now(), money);
        });
        return edit.code;
      },
      search: debtorMatches,
    };
  }, [store]);
  return <MasterFileScreen file={file} />;
}

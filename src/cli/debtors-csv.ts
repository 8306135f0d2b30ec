// Debtors CSV: code,name,cellphone,email,loyaltyApplicable,excludeFromContracts,target1..percent4.
// Shared by `import debtors`, `export debtors` and the demo store. The Loyalty columns go through
// validateDebtorLoyalty, the very function the Debtor Loyalty tab uses, so a file is refused
// exactly where the screen would refuse the same input, with the same words.
import { validateDebtorLoyalty, MAX_TIERS, type DebtorLoyaltyInput } from '../engine/loyalty/validate.js';
import type { DebtorLoyalty } from '../engine/loyalty/types.js';
import { formatMoney, formatRate, type MoneyFormat } from '../engine/money.js';
import type { Debtor, Store } from '../store/index.js';
import { readCsv, refuseIfAny, writeCsv, yesNo } from './csv.js';
import {
  debtorCellphoneProblem, debtorCodeProblem, debtorEmailProblem, debtorNameProblem, withoutFieldName,
} from '../engine/debtor-rules.js';

const TIER_COLUMNS = Array.from({ length: MAX_TIERS }, (_, i) => [`target${i + 1}`, `percent${i + 1}`]).flat();
const LOYALTY_COLUMNS = ['loyaltyApplicable', 'excludeFromContracts', ...TIER_COLUMNS];
export const DEBTOR_COLUMNS = ['code', 'name', 'cellphone', 'email', ...LOYALTY_COLUMNS];

/** One row of the file: its line number and the cells of the columns the file has. */
export interface DebtorCsvRow {
  line: number;
  cells: Record<string, string>;
}

export interface DebtorsMergeOptions {
  /** The import's instant: the switch-on time of a debtor whose loyalty goes from no to on. */
  now: string;
  /** The store's currency (targets are parsed and shown with its decimals). */
  money: MoneyFormat;
}

export interface MergeResult<T> {
  list: T[];
  added: number;
  updated: number;
}

export function parseDebtorsCsv(text: string, file: string): DebtorCsvRow[] {
  const rows = readCsv(text, file, ['code', 'name'], DEBTOR_COLUMNS.slice(2));
  return rows.map((row) => ({
    line: row.line,
    cells: Object.fromEntries(DEBTOR_COLUMNS.filter((c) => row.has(c)).map((c) => [c, row.get(c)])),
  }));
}

/** A debtor's Loyalty tab as the cells `export debtors` writes. */
function loyaltyCells(l: DebtorLoyalty, money: MoneyFormat): Record<string, string> {
  const cells: Record<string, string> = { loyaltyApplicable: l.applicable, excludeFromContracts: yesNo(l.excludeFromContracts) };
  for (let n = 1; n <= MAX_TIERS; n++) {
    const tier = l.tiers[n - 1];
    cells[`target${n}`] = tier ? formatMoney(tier.target, { decimals: money.decimals ?? 2 }) : '';
    cells[`percent${n}`] = tier ? formatRate(tier.rate).replace('%', '') : '';
  }
  return cells;
}

const NO_LOYALTY: DebtorLoyalty = { applicable: 'no', excludeFromContracts: false, tiers: [], switchedOnAt: null };

/**
 * The debtors after the file: new codes added, existing codes updated keeping the fields of the
 * columns the file leaves out. Pure; throws a Refusal naming every bad row (`file: line N: field: ...`).
 */
export function mergeDebtors(existing: readonly Debtor[], rows: readonly DebtorCsvRow[], file: string, opts: DebtorsMergeOptions): MergeResult<Debtor> {
  const list = existing.map((d) => structuredClone(d));
  const byCode = new Map(list.map((d, i) => [d.code, i]));
  const lineOf = new Map<string, number>();
  const problems: string[] = [];
  let added = 0;
  let updated = 0;
  for (const { line, cells } of rows) {
    const bad = (field: string, message: string) => problems.push(`${file}: line ${line}: ${field}: ${message}`);
    // The General tab's checks are engine/debtor-rules.ts, the very ones the Debtors screen runs.
    const code = cells.code ?? '';
    const codeProblem = debtorCodeProblem(code);
    if (codeProblem !== null) bad('code', codeProblem);
    else if (lineOf.has(code)) bad('code', `${code} already given on line ${lineOf.get(code)}`);
    else lineOf.set(code, line);
    const name = cells.name ?? '';
    const nameProblem = debtorNameProblem(name);
    if (nameProblem !== null) bad('name', nameProblem);
    const cellphone = cells.cellphone;
    const cellphoneProblem = cellphone === undefined ? null : debtorCellphoneProblem(cellphone);
    if (cellphoneProblem !== null) bad('cellphone', cellphoneProblem);
    const email = cells.email;
    const emailProblem = email === undefined ? null : debtorEmailProblem(email);
    if (emailProblem !== null) bad('email', emailProblem);

    const at = byCode.get(code);
    const previous = at === undefined ? undefined : list[at];
    // Columns the file leaves out keep what the debtor has, so the whole tab is validated as the
    // screen would see it after this change.
    const input: DebtorLoyaltyInput = { ...loyaltyCells(previous?.loyalty ?? NO_LOYALTY, opts.money) };
    for (const c of LOYALTY_COLUMNS) if (c in cells) (input as Record<string, string>)[c] = cells[c]!;
    const loyalty = validateDebtorLoyalty(input, { now: opts.now, previous: previous?.loyalty ?? null, money: opts.money });
    if (!loyalty.ok) for (const p of loyalty.problems) bad(p.field, withoutFieldName(p.field, p.message));
    if (problems.length || !loyalty.ok) continue; // refused anyway: keep collecting problems

    const general = {
      name,
      ...(cellphone === undefined ? {} : { cellphone }),
      ...(email === undefined ? {} : { email }),
    };
    if (previous === undefined) {
      byCode.set(code, list.length);
      // Credit limit and on hold are not in the file: a new debtor buys on account only once the Account tab allows it.
      list.push({ code, name, cellphone: cellphone ?? '', email: email ?? '', account: { creditLimit: 0, onHold: false }, loyalty: loyalty.value });
      added++;
    } else {
      // Spread the old record first: fields a later tillpoint added survive the import.
      list[at!] = { ...previous, ...general, loyalty: { ...previous.loyalty, ...loyalty.value } };
      updated++;
    }
  }
  refuseIfAny(problems);
  return { list, added, updated };
}

function moneyOf(store: Store): MoneyFormat {
  const company = store.get('settings').company;
  return { symbol: company.currencySymbol, decimals: company.currencyDecimals };
}

/** Adds and updates debtors in one store edit: all rows or none. */
export async function importDebtors(store: Store, rows: readonly DebtorCsvRow[], file: string, now: string): Promise<{ added: number; updated: number }> {
  let result = { added: 0, updated: 0 };
  await store.edit('debtors', (doc) => {
    const merged = mergeDebtors(doc.debtors, rows, file, { now, money: moneyOf(store) });
    doc.debtors = merged.list;
    result = { added: merged.added, updated: merged.updated };
  });
  return result;
}

export function debtorsToCsv(debtors: readonly Debtor[], money: MoneyFormat): string {
  return writeCsv(
    DEBTOR_COLUMNS,
    debtors.map((d) => {
      const cells: Record<string, string> = { code: d.code, name: d.name, cellphone: d.cellphone, email: d.email, ...loyaltyCells(d.loyalty, money) };
      return DEBTOR_COLUMNS.map((c) => cells[c] ?? '');
    }),
  );
}

/** `export debtors` in the store's currency. */
export function exportDebtors(store: Store): string {
  return debtorsToCsv(store.get('debtors').debtors, moneyOf(store));
}

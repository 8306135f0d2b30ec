// The contract form's fields (debtor, item, contract price, Exclude from Rebates) and the form ->
// contracts.json change. Every check is the one `import contracts` runs (contract-rules.ts).
import type { Contract } from '../../engine/loyalty/types.js';
import { formatMoney } from '../../engine/money.js';
import type { Item } from '../../engine/types.js';
import type { ContractsDoc, Debtor } from '../../store/documents-types.js';
import type { FieldDef, FormValues } from '../forms/field-types.js';
import { FLAG_OFF, FLAG_ON } from '../forms/field-types.js';
import { contractDebtorProblem, contractIndex, contractItemProblem, parseContractPrice } from '../../engine/contract-rules.js';

export const CONTRACT_LABELS = {
  debtor: 'Debtor',
  item: 'Item',
  price: 'Contract price',
  excludeFromRebates: 'Exclude from Rebates',
} as const;

/** What follows an unknown code on the screen (the choice lists only existing ones). */
const GONE = 'deleted in another terminal?';

export function pairTakenMessage(debtor: string, item: string): string {
  return `${CONTRACT_LABELS.item}: debtor ${debtor} already has a contract for item ${item}; edit that one`;
}

export function engineMessage(label: string, run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (e) {
    return `${label}: ${(e as Error).message}`;
  }
}

export interface ContractFormContext {
  /** The contract being edited, or null when adding one. */
  editing: Contract | null;
  debtors: readonly Debtor[];
  items: readonly Item[];
  /** The contracts now (read when a field is checked, so another terminal's save is seen). */
  contracts(): readonly Contract[];
  decimals: number;
}

export function contractFields(ctx: ContractFormContext): FieldDef[] {
  const debtorCodes = new Set(ctx.debtors.map((d) => d.code));
  const itemCodes = new Set(ctx.items.map((i) => i.code));
  const fixed = ctx.editing !== null;
  return [
    {
      key: 'debtor', label: CONTRACT_LABELS.debtor, kind: 'choice', required: true,
      choices: ctx.debtors.map((d) => ({ value: d.code, label: `${d.code} ${d.name}` })),
      // The pair is the contract's identity, so debtor and item are fixed once it exists.
      readOnly: fixed,
      validate: (v) => {
        const problem = contractDebtorProblem(v, debtorCodes);
        return problem === null ? null : `${CONTRACT_LABELS.debtor}: ${problem}`;
      },
    },
    {
      key: 'item', label: CONTRACT_LABELS.item, kind: 'choice', required: true,
      choices: ctx.items.map((i) => ({ value: i.code, label: `${i.code} ${i.description}` })),
      readOnly: fixed,
      validate: (v, all) => {
        const problem = contractItemProblem(v, itemCodes);
        if (problem !== null) return `${CONTRACT_LABELS.item}: ${problem}`;
        const debtor = all.debtor ?? '';
        if (!fixed && contractIndex(ctx.contracts(), debtor, v) >= 0) return pairTakenMessage(debtor, v);
        return null;
      },
    },
    {
      // No `required`: an empty price reaches the rule, which says what to enter (as the import).
      key: 'price', label: CONTRACT_LABELS.price, kind: 'money', decimals: ctx.decimals,
      validate: (v) => engineMessage(CONTRACT_LABELS.price, () => parseContractPrice(v, ctx.decimals)),
    },
    { key: 'excludeFromRebates', label: CONTRACT_LABELS.excludeFromRebates, kind: 'flag' },
  ];
}

export function contractValues(c: Contract | null, ctx: Pick<ContractFormContext, 'debtors' | 'items' | 'decimals'>): FormValues {
  if (c === null) {
    return { debtor: ctx.debtors[0]?.code ?? '', item: ctx.items[0]?.code ?? '', price: '', excludeFromRebates: FLAG_OFF };
  }
  return {
    debtor: c.debtor,
    item: c.item,
    price: formatMoney(c.price, { decimals: ctx.decimals }),
    excludeFromRebates: c.excludeFromRebates ? FLAG_ON : FLAG_OFF,
  };
}

export function contractFromValues(v: FormValues, decimals: number): Contract {
  return {
    debtor: v.debtor ?? '',
    item: v.item ?? '',
    price: parseContractPrice(v.price ?? '', decimals),
    excludeFromRebates: v.excludeFromRebates === FLAG_ON,
  };
}

export interface OnDisk {
  debtorCodes: ReadonlySet<string>;
  itemCodes: ReadonlySet<string>;
}

/**
 * Writes one contract into a freshly re-read contracts.json (the caller holds the store lock),
 * re-checking against debtors.json and items.json as they are now that the debtor and item still
 * exist, and that no other terminal added the same pair since the form opened; messages name the
 * field. Editing keeps fields the form does not show and the list's order.
 */
export function applyContract(draft: ContractsDoc, contract: Contract, adding: boolean, disk: OnDisk): void {
  const debtorProblem = contractDebtorProblem(contract.debtor, disk.debtorCodes, GONE);
  if (debtorProblem !== null) throw new Error(`${CONTRACT_LABELS.debtor}: ${debtorProblem}`);
  const itemProblem = contractItemProblem(contract.item, disk.itemCodes, GONE);
  if (itemProblem !== null) throw new Error(`${CONTRACT_LABELS.item}: ${itemProblem}`);
  const at = contractIndex(draft.contracts, contract.debtor, contract.item);
  if (adding) {
    if (at >= 0) throw new Error(pairTakenMessage(contract.debtor, contract.item));
    draft.contracts.push(contract);
  } else if (at < 0) {
    throw new Error(`Contract ${contract.debtor} / ${contract.item} no longer exists (${GONE})`);
  } else {
    draft.contracts[at] = { ...draft.contracts[at], ...contract };
  }
}

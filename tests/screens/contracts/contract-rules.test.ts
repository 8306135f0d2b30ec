import { describe, expect, it } from 'vitest';
import { mergeContracts } from '../../../src/cli/contracts-csv.js';
import { contractFields } from '../../../src/screens/contracts/contract-fields.js';
import { contractDebtorProblem, contractIndex, contractItemProblem, contractKey, parseContractPrice } from '../../../src/engine/contract-rules.js';
import { validateField } from '../../../src/screens/forms/validate-field.js';
import type { FieldDef } from '../../../src/screens/forms/field-types.js';

const debtors = new Set(['D1']);
const items = new Set(['A1']);

describe('contract rules (shared by import contracts and the Contracts screen)', () => {
  it('debtor and item must exist; the hint follows an unknown code', () => {
    expect(contractDebtorProblem('', debtors)).toBe('is required (a debtor code)');
    expect(contractDebtorProblem('D1', debtors)).toBeNull();
    expect(contractDebtorProblem('ZZ', debtors, 'import it first')).toBe('no debtor with code ZZ: import it first');
    expect(contractItemProblem('', items)).toBe('is required (an item code)');
    expect(contractItemProblem('A1', items)).toBeNull();
    expect(contractItemProblem('NOPE', items)).toBe('no item with code NOPE');
  });

  it('one contract per debtor and item; the price is a decimal amount', () => {
    const list = [{ debtor: 'D1', item: 'A1', price: 100, excludeFromRebates: false }];
    expect(contractIndex(list, 'D1', 'A1')).toBe(0);
    expect(contractIndex(list, 'D1', 'A2')).toBe(-1);
    expect(contractKey('a","b', 'c')).not.toBe(contractKey('a', '","b","c'));
    expect(parseContractPrice('17.99')).toBe(1799);
    expect(parseContractPrice('5', 0)).toBe(5);
    for (const bad of ['', 'abc', '-1', '1.999']) expect(() => parseContractPrice(bad)).toThrow();
  });

  it('the screen refuses a price exactly when the import does, with the same message', () => {
    const price = contractFields({ editing: null, debtors: [], items: [], contracts: () => [], decimals: 2 }).find((d) => d.key === 'price') as FieldDef;
    for (const text of ['17.99', '0', '', 'abc', '-1', '1.999', '1e3', ' 2.5 ']) {
      let csv: string | null = null;
      try {
        mergeContracts([], [{ line: 2, debtor: 'D1', item: 'A1', price: text, excludeFromRebates: 'no' }], 'c.csv', { debtorCodes: debtors, itemCodes: items, money: { decimals: 2 } });
      } catch (e) {
        csv = (e as Error).message.replace('c.csv: line 2: price: ', '');
      }
      const screen = validateField(price, text, {});
      expect(screen === null ? null : screen.replace('Contract price: ', ''), text).toBe(csv);
    }
  });
});

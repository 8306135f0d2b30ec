// Utilities > Setup > Company Details: tabs General | Default Settings 2. Accept writes only the
// fields changed here, under the store lock and re-read (applyCompany), then leaves.
import { useState, type ReactNode } from 'react';
import { useApp, useNavigation } from '../app-context.js';
import { Form, errorText, type SaveResult } from '../forms/form.js';
import type { FormValues } from '../forms/field-types.js';
import { amountsStoredReason, applyCompany, companyFields, companyValues } from './company-details-fields.js';

export const COMPANY_DETAILS_BREADCRUMB = ['Utilities', 'Setup', 'Company Details'];

export function CompanyDetailsScreen(): ReactNode {
  const { store } = useApp();
  const nav = useNavigation();
  // What the form opened with: Accept compares against it to write only this operator's changes.
  const [opened] = useState(() => companyValues(store.get('settings')));
  // Amounts are stored in minor units: once items or sales exist the decimals may not change.
  const [defs] = useState(() => {
    const records = store.journals.counts().reduce((n, c) => n + c.records, 0);
    return companyFields({ amountsStored: amountsStoredReason(store.get('items').items.length, records), openedDecimals: opened.currencyDecimals ?? '' });
  });

  async function accept(values: FormValues): Promise<SaveResult> {
    try {
      await store.edit('settings', (draft) => applyCompany(draft, values, opened));
      return { ok: true };
    } catch (e) {
      return { ok: false, message: errorText(e) };
    }
  }

  return (
    <Form
      defs={defs}
      initial={opened}
      breadcrumb={COMPANY_DETAILS_BREADCRUMB}
      onAccept={accept}
      onDone={() => nav.pop()}
    />
  );
}

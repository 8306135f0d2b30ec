// Utilities > Setup > Ledger Posting Accounts: the accounts a sale, refund or debtor payment posts
// to (sales, VAT output, cash rounding, debtors control), as one form. Accept writes only the
// accounts changed here, under the store lock and against the chart as it is then, then leaves.
import { refusalAt } from '../forms/field-error.js';
import { useState, type ReactNode } from 'react';
import type { Store } from '../../store/index.js';
import { useApp, useNavigation } from '../app-context.js';
import { Form, type SaveResult } from '../forms/form.js';
import type { FormValues } from '../forms/field-types.js';
import {
  applyPostingAccounts, PostingFieldError, postingFields, postingValues, STORE_FIELD_PATHS, type PostingFormContext,
} from './posting-accounts-fields.js';

export const POSTING_ACCOUNTS_BREADCRUMB = ['Utilities', 'Setup', 'Ledger Posting Accounts'];

function contextOf(store: Store): PostingFormContext {
  return { accounts: store.get('accounts').accounts };
}

/** A refusal as the form shows it: at its field when it belongs to one. */
export function refusal(e: unknown): SaveResult {
  return refusalAt(e, STORE_FIELD_PATHS);
}

export function PostingAccountsScreen(): ReactNode {
  const { store } = useApp();
  const nav = useNavigation();
  // What the form opened with: Accept compares against it to write only this operator's changes.
  const [opened] = useState(() => postingValues(store.get('settings')));
  const [defs] = useState(() => postingFields(contextOf(store)));

  async function accept(values: FormValues): Promise<SaveResult> {
    try {
      await store.edit('settings', (draft) => {
        // Read inside the lock: the chart as it is now, not as the form opened.
        applyPostingAccounts(draft, values, opened, contextOf(store));
      });
      return { ok: true };
    } catch (e) {
      return refusal(e);
    }
  }

  return (
    <Form
      defs={defs}
      initial={opened}
      breadcrumb={POSTING_ACCOUNTS_BREADCRUMB}
      onAccept={accept}
      onDone={() => nav.pop()}
    />
  );
}

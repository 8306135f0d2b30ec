// Utilities > Setup > Loyalty Setup: the loyalty tender, the loyalty ledger and payout accounts,
// the adjustment threshold, the manager PIN and the accrual schedule, as one form. Accept writes
// only the fields changed here, under the store lock and re-read (applyLoyalty), then leaves.
import { refusalAt } from '../forms/field-error.js';
import { useState, type ReactNode } from 'react';
import type { Store } from '../../store/index.js';
import { hashPin } from '../../store/manager-pin.js';
import { useApp, useNavigation } from '../app-context.js';
import { Form, type SaveResult } from '../forms/form.js';
import type { FormValues } from '../forms/field-types.js';
import {
  applyLoyalty, LOYALTY_KEYS, LoyaltyFieldError, loyaltyFields, loyaltyValues, STORE_FIELD_PATHS, type LoyaltyFormContext,
} from './loyalty-setup-fields.js';

export const LOYALTY_SETUP_BREADCRUMB = ['Utilities', 'Setup', 'Loyalty Setup'];

function contextOf(store: Store): LoyaltyFormContext {
  const settings = store.get('settings');
  return {
    tenders: store.get('tenders').tenders,
    accounts: store.get('accounts').accounts,
    decimals: settings.company.currencyDecimals,
    pinSet: (settings.loyalty?.managerPinHash ?? '') !== '',
  };
}

/** A refusal as the form shows it: at its field when it belongs to one. */
export function refusal(e: unknown): SaveResult {
  return refusalAt(e, STORE_FIELD_PATHS);
}

export function LoyaltySetupScreen(): ReactNode {
  const { store } = useApp();
  const nav = useNavigation();
  // What the form opened with: Accept compares against it to write only this operator's changes.
  const [opened] = useState(() => loyaltyValues(store.get('settings')));
  const [defs] = useState(() => loyaltyFields(contextOf(store)));

  async function accept(values: FormValues): Promise<SaveResult> {
    try {
      const pin = values[LOYALTY_KEYS.pin] ?? '';
      // Hashed before the store lock is taken: scrypt is slow on purpose.
      const pinHash = pin === '' ? null : hashPin(pin);
      await store.edit('settings', (draft) => {
        // The tenders, chart and decimals as they are now, not as the form opened.
        const now = { ...contextOf(store), decimals: draft.company.currencyDecimals };
        applyLoyalty(draft, values, opened, pinHash, now);
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
      breadcrumb={LOYALTY_SETUP_BREADCRUMB}
      onAccept={accept}
      onDone={() => nav.pop()}
    />
  );
}

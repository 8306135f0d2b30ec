// Module Parameters > Services > Web Services > LoyaltyPlus Integration: the web service's setup
// form. Accept checks the whole form, then writes only the fields changed here under the store
// lock, re-read (applyLoyaltyPlus), and leaves; F8 Test opens the Test with the form's values.
import { refusalAt } from '../../forms/field-error.js';
import { useState, type ReactNode } from 'react';
import { loyaltyPlusSettingsOf, toClientConfig } from '../../../store/loyalty-plus-settings.js';
import { useApp, useNavigation } from '../../app-context.js';
import type { FormValues } from '../../forms/field-types.js';
import { Form, type SaveResult } from '../../forms/form.js';
import {
  applyLoyaltyPlus, LoyaltyPlusFieldError, loyaltyPlusFields, loyaltyPlusValues, settingsFromValues, STORE_FIELD_PATHS,
} from './loyalty-plus-fields.js';
import { useTheme } from '../../theme.js';
import { shortBreadcrumb } from './breadcrumb.js';
import { LoyaltyPlusTestScreen } from './loyalty-plus-test.js';
import type { TestConnection } from './loyalty-plus-test-text.js';

export const LOYALTY_PLUS_BREADCRUMB = ['Utilities', 'Setup', 'Module Parameters', 'Web Services', 'LoyaltyPlus Integration'];

/** A refusal as the form shows it: at its field when it belongs to one. */
export function refusal(e: unknown): SaveResult {
  return refusalAt(e, STORE_FIELD_PATHS);
}

export interface LoyaltyPlusSetupProps {
  /** The client's testConnection; tests may pass another. */
  test?: TestConnection;
}

export function LoyaltyPlusSetupScreen({ test }: LoyaltyPlusSetupProps = {}): ReactNode {
  const { store } = useApp();
  const nav = useNavigation();
  // What the form opened with: Accept compares against it to write only this operator's changes.
  const [opened] = useState(() => loyaltyPlusValues(store.get('settings')));
  const [defs] = useState(() => loyaltyPlusFields());
  const { ellipsis } = useTheme().marks;

  async function accept(values: FormValues): Promise<SaveResult> {
    try {
      await store.edit('settings', (draft) => applyLoyaltyPlus(draft, values, opened));
      return { ok: true };
    } catch (e) {
      return refusal(e);
    }
  }

  function openTest(values: FormValues): string {
    let config;
    try {
      config = toClientConfig(settingsFromValues(values, loyaltyPlusSettingsOf(store.get('settings')), true));
    } catch (e) {
      // The Form shows a thrown error as "Test failed: ..." marked as an error.
      if (e instanceof LoyaltyPlusFieldError) throw new Error(`${e.message}; fix it to test`);
      throw e;
    }
    nav.push({
      id: 'setup.loyalty-plus.test',
      title: 'Test',
      render: () => <LoyaltyPlusTestScreen config={config} breadcrumb={shortBreadcrumb([...LOYALTY_PLUS_BREADCRUMB, 'Test'], ellipsis)} test={test} />,
    });
    return 'Test uses the values on this form; F10 Accept saves them';
  }

  return (
    <Form
      defs={defs}
      initial={opened}
      breadcrumb={shortBreadcrumb(LOYALTY_PLUS_BREADCRUMB, ellipsis)}
      onAccept={accept}
      onDone={() => nav.pop()}
      onTest={openTest}
    />
  );
}

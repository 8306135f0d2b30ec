// Stand-in screens for the menu tree (the real ones are other engineers' files). Each behaves like
// a real screen: Shell, useApp, keys from the table; the form one asks before dropping edits.
import { useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Text } from 'ink';
import { useApp, useConfirm, useNavigation } from '../../../src/screens/app-context.js';
import { createEntryBuffer } from '../../../src/screens/input/entry-buffer.js';
import { EntryField } from '../../../src/screens/input/entry-field.js';
import { useEntryField } from '../../../src/screens/input/use-entry-field.js';
import { matches } from '../../../src/screens/keys/bindings.js';
import { useKeyHandler } from '../../../src/screens/keys/dispatcher.js';
import type { ScreenRegistry } from '../../../src/screens/menu/screen-registry.js';
import { Shell } from '../../../src/screens/shell/shell.js';

export const scanned: string[] = [];

function Pos(): ReactNode {
  const { till } = useApp();
  const [code] = useState(() => createEntryBuffer());
  const [error, setError] = useState<string>();
  useEntryField(code, {
    onSubmit(value) {
      code.clear();
      scanned.push(value);
      try {
        till?.scan(value);
        setError(undefined);
      } catch (e) {
        setError((e as Error).message);
      }
    },
  });
  const noTill = (): (() => void) => () => {};
  const state = useSyncExternalStore(till?.subscribe ?? noTill, () => till?.getState() ?? null);
  const lines = state?.sale?.lines.length ?? 0;
  return (
    <Shell scope="pos" status={error ? { text: error, kind: 'error' } : undefined}>
      <Text>POS SCREEN lines {lines}</Text>
      <EntryField buffer={code} label="Code" width={30} />
    </Shell>
  );
}

function Company(): ReactNode {
  const nav = useNavigation();
  const confirm = useConfirm();
  const [name] = useState(() => createEntryBuffer('Acme'));
  const dirty = useRef(false);
  const [saved, setSaved] = useState(false);
  useEntryField(name, { onSubmit: () => {}, onChange: () => { dirty.current = true; } });
  useKeyHandler((key) => {
    if (matches(key, 'accept')) {
      setSaved(true);
      dirty.current = false;
      return true;
    }
    if (matches(key, 'back') && dirty.current) {
      void confirm({ title: 'Leave Company Details?', message: 'Your edits are not saved.', yesLabel: 'Discard', noLabel: 'Stay' }).then((yes) => {
        if (yes) nav.pop();
      });
      return true;
    }
    return false;
  }, { layer: 'screen' });
  return (
    <Shell scope="form" status={saved ? 'Saved' : undefined}>
      <Text>COMPANY FORM</Text>
      <EntryField buffer={name} label="Store name" width={30} />
    </Shell>
  );
}

function Tenders(): ReactNode {
  const { store } = useApp();
  return <Shell scope="list"><Text>TENDER LIST {store.get('tenders').tenders.map((t) => t.code).join(',')}</Text></Shell>;
}

function Accounts(): ReactNode {
  return <Shell scope="list"><Text>ACCOUNT LIST</Text></Shell>;
}

function Journal(): ReactNode {
  return <Shell scope="list"><Text>JOURNAL LIST</Text></Shell>;
}

function Trial(): ReactNode {
  return <Shell scope="list"><Text>TRIAL BALANCE LIST</Text></Shell>;
}

function Items(): ReactNode {
  return <Shell scope="list"><Text>ITEM LIST</Text></Shell>;
}

function Debtors(): ReactNode {
  return <Shell scope="list"><Text>DEBTOR LIST</Text></Shell>;
}

function Contracts(): ReactNode {
  return <Shell scope="list"><Text>CONTRACT LIST</Text></Shell>;
}

function LoyaltySetup(): ReactNode {
  return <Shell scope="form"><Text>LOYALTY SETUP FORM</Text></Shell>;
}

export const testRegistry: ScreenRegistry = { pos: Pos, debtors: Debtors, inventory: Items, contracts: Contracts, companyDetails: Company, tenderSetup: Tenders, accountMaintenance: Accounts, journal: Journal, trialBalance: Trial, loyaltySetup: LoyaltySetup };

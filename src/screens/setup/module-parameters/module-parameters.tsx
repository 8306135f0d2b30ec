// Utilities > Setup > Module Parameters: the Services tab lists the kinds of service (Web
// Services, LoyaltyPlus Loyalty Uploads), and Web Services lists each web service with whether it is enabled. Both are
// menus in behaviour (Enter or the letter opens, q/F10 quits), so they take the menu scope's keys.
import { useContext, useState, type ReactNode } from 'react';
import { Text } from 'ink';
import { useApp, useNavigation } from '../../app-context.js';
import { matches } from '../../keys/bindings.js';
import { ScreenActiveContext, useKeyHandler } from '../../keys/dispatcher.js';
import { Menu, type MenuItem } from '../../menu/menu.js';
import { Shell } from '../../shell/shell.js';
import type { StatusMessage } from '../../shell/status-line.js';
import { ContentSizeContext, useContentSize } from '../../shell/terminal-size.js';
import { TabStrip } from '../../forms/tab-strip.js';
import { loyaltyPlusSettingsOf } from '../../../store/loyalty-plus-settings.js';
import { uploadsSettingsOf } from '../../../store/uploads-settings.js';
import { useTheme } from '../../theme.js';
import { shortBreadcrumb } from './breadcrumb.js';
import { LoyaltyPlusSetupScreen } from './loyalty-plus-setup.js';
import { UploadsSetupScreen } from './uploads-setup.js';

const SERVICES_TAB = 'Services';

function MenuBody({ items, tabs, onMessage }: { items: MenuItem[]; tabs?: string[]; onMessage(m: StatusMessage | undefined): void }): ReactNode {
  const size = useContentSize();
  // The tab strip and the blank row under it come out of the menu's rows: never a frame too tall.
  const used = tabs === undefined ? 0 : 2;
  return (
    <>
      {tabs === undefined ? null : <TabStrip tabs={tabs} active={tabs[0] ?? ''} />}
      {tabs === undefined ? null : <Text> </Text>}
      <ContentSizeContext.Provider value={{ rows: Math.max(1, size.rows - used), columns: size.columns }}>
        <Menu items={items} onMessage={onMessage} />
      </ContentSizeContext.Provider>
    </>
  );
}

function MenuLikeScreen({ items, tabs }: { items: MenuItem[]; tabs?: string[] }): ReactNode {
  const nav = useNavigation();
  const theme = useTheme();
  const [message, setMessage] = useState<StatusMessage | undefined>(undefined);
  useKeyHandler((key) => {
    if (!matches(key, 'quit')) return false;
    nav.quit();
    return true;
  }, { layer: 'screen' });
  return (
    <Shell scope="menu" status={message} breadcrumb={shortBreadcrumb(nav.titles.slice(1), theme.marks.ellipsis)}>
      <MenuBody items={items} {...(tabs === undefined ? {} : { tabs })} onMessage={setMessage} />
    </Shell>
  );
}

export function WebServicesScreen(): ReactNode {
  const { store } = useApp();
  // Read again whenever this screen is back on top, so "Enabled" follows what setup just saved.
  useContext(ScreenActiveContext);
  const enabled = loyaltyPlusSettingsOf(store.get('settings')).enabled;
  const items: MenuItem[] = [
    {
      label: 'LoyaltyPlus Integration', hotKey: 'l', description: `Enabled: ${enabled ? 'Yes' : 'No'}`,
      open: () => ({ id: 'setup.web-services.loyalty-plus', title: 'LoyaltyPlus Integration', render: () => <LoyaltyPlusSetupScreen /> }),
    },
  ];
  return <MenuLikeScreen items={items} />;
}

export function ModuleParametersScreen(): ReactNode {
  const { store } = useApp();
  useContext(ScreenActiveContext);
  const account = uploadsSettingsOf(store.get('settings')).account;
  const items: MenuItem[] = [
    {
      label: 'Web Services', hotKey: 'w', description: 'LoyaltyPlus Integration',
      open: () => ({ id: 'setup.module-parameters.web-services', title: 'Web Services', render: () => <WebServicesScreen /> }),
    },
    {
      label: 'LoyaltyPlus Loyalty Uploads', hotKey: 'l', description: `Setup: ${account === '' ? 'no account chosen' : `account ${account}`}`,
      open: () => ({ id: 'setup.module-parameters.loyalty-uploads', title: 'LoyaltyPlus Loyalty Uploads', render: () => <UploadsSetupScreen /> }),
    },
  ];
  return <MenuLikeScreen items={items} tabs={[SERVICES_TAB]} />;
}

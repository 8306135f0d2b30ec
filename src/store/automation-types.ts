// Automation events (Utilities > Automation): scheduled actions the job runner runs. Kept in
// automation.json; each event becomes one job named after it.

/** What an event does; each action has one job body. */
export type AutomationAction = 'loyalty-plus-sales';
export const AUTOMATION_ACTIONS: readonly AutomationAction[] = ['loyalty-plus-sales'];

/** The event "Setup Automation Events" creates for the Loyalty Plus sales uploads. */
export const LOYALTY_PLUS_SALES_EVENT = 'IQEvent_LoyaltyPlus_Sales';
/** Every 15 minutes: uploads stay small and a missed one is caught up at the next start. */
export const LOYALTY_PLUS_SALES_CRON = '*/15 * * * *';

export interface AutomationEvent {
  /** Unique; also the job's name in jobs/state.json. */
  name: string;
  action: AutomationAction;
  /** node-cron expression in the store's time zone. */
  cron: string;
  enabled: boolean;
  createdAt: string;
}

export interface AutomationDoc {
  schemaVersion: number;
  events: AutomationEvent[];
}

/** The go-live checklist items (the seed's Loyalty Plus checklist), in its order. */
export type GoLiveItem =
  | 'partner-details' | 'web-service-tested' | 'sftp-tested' | 'automation-set' | 'backup-taken'
  | 'tables-cleared' | 'layouts-checked' | 'enrolment-tested' | 'redeem-tested';
export const GO_LIVE_ITEMS: readonly GoLiveItem[] = [
  'partner-details', 'web-service-tested', 'sftp-tested', 'automation-set', 'backup-taken',
  'tables-cleared', 'layouts-checked', 'enrolment-tested', 'redeem-tested',
];

/** An item ticked by an operator (the ones the system cannot verify), with who and when. */
export interface GoLiveTick {
  item: GoLiveItem;
  by: string;
  at: string;
}

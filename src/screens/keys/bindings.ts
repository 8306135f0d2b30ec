// The ONE binding table. The hint bar, the F1 help overlay and every screen's key handling read
// it, so the keys a cashier is told about are the keys that work (gemini-cli, lazygit).
import type { Key, KeyName } from './parse-keys.js';

// 'outbox' is a list of calls waiting to be sent: its one action (F8 Retry now) must not reach the
// hint bar of every master-file list, which is what a 'list' command would do. 'automation' is
// Utilities > Automation's event list, for the same reason.
// 'approve' is the override dialog (an approver's code and PIN): typing goes to its fields, so it
// takes none of the dialog's y/n. 'cashup' is Main Menu > Cash-up's screens (amount entry, a
// report to scroll, F10 Close day).
export type Scope = 'global' | 'menu' | 'pos' | 'tender' | 'refund' | 'slip' | 'form' | 'list' | 'find' | 'dialog' | 'outbox' | 'automation' | 'login' | 'operators' | 'approve' | 'cashup';
export const SCOPES: readonly Scope[] = ['global', 'menu', 'pos', 'tender', 'refund', 'slip', 'form', 'list', 'find', 'dialog', 'outbox', 'automation', 'login', 'operators', 'approve', 'cashup'];

export type Command =
  // global
  | 'help' | 'back' | 'exit'
  // moving a selection (menus, lists, sale lines, tenders)
  | 'moveUp' | 'moveDown' | 'pageUp' | 'pageDown' | 'moveFirst' | 'moveLast' | 'select'
  // menus
  | 'quit' | 'menuHotKey'
  // the till
  | 'submit' | 'tender' | 'findItem' | 'quantity' | 'voidLine' | 'discount' | 'refund'
  | 'abandonSale' | 'reprint' | 'removeTender' | 'pickTender' | 'refundAll'
  | 'toggleLine' | 'qtyUp' | 'qtyDown' | 'qtyDigit'
  // the slip after a sale or refund
  | 'nextSale' | 'scrollSlip'
  // reserved till keys, built later (loyalty, debtors)
  | 'attachDebtor' | 'loyaltyMember' | 'balanceEnquiry' | 'loyaltyFunctions'
  // forms
  | 'accept' | 'test' | 'nextField' | 'prevField' | 'nextTab' | 'prevTab'
  | 'toggle' | 'openList' | 'cycleChoice'
  // actions of one form (shown only on forms that offer them: see forms/form.tsx)
  | 'receivePayment' | 'ftpServers' | 'setupEvents'
  // lists
  | 'listAdd' | 'listEdit' | 'listDelete' | 'listFind'
  // the Loyalty Plus outbox
  | 'retryNow'
  // Utilities > Automation
  | 'editEvent' | 'runNow' | 'showLog' | 'leaveList'
  // Cash-up (opening float, X and Z reports)
  | 'cashupEnter' | 'scrollReport' | 'closeDay'
  // dialogs
  | 'yes' | 'no'
  // operators: the login screen, lock, Utilities > Setup > Operators; the override dialog
  | 'lock' | 'logIn' | 'loginField' | 'operatorAdd' | 'operatorEdit' | 'unlockOperator' | 'idleLockSetting' | 'approve' | 'approveField';

export interface KeySpec {
  name: KeyName;
  /** For name 'char': the character (letters compare case-insensitively). */
  ch?: string;
  ctrl?: boolean;
  alt?: boolean;
  shift?: boolean;
}

export interface Binding {
  command: Command;
  keys: KeySpec[];
  /** Short text for the hint bar ("Tender"). */
  label: string;
  /** One sentence for the F1 help overlay. */
  help: string;
  scopes: Scope[];
  /** Shown in the hint bar. Reserved commands stay false until their feature exists. */
  displayOnScreen: boolean;
  /** Set while the feature is not built: pressing the key shows this instead (lazygit). */
  disabledReason?: string;
  /** A different hint label in some scopes (Esc is "Cancel" on a form). */
  scopeLabels?: Partial<Record<Scope, string>>;
  /** How the hint bar and help show the keys when listing them one by one would not read well
   * ("0-9") or they cannot be listed (a menu item's letter: keys is empty then). */
  keyHint?: string;
}

const k = (name: KeyName, mods: Omit<KeySpec, 'name'> = {}): KeySpec => ({ name, ...mods });
const ch = (c: string, mods: Omit<KeySpec, 'name' | 'ch'> = {}): KeySpec => ({ name: 'char', ch: c, ...mods });
const ctrl = (c: string): KeySpec => ({ name: 'char', ch: c, ctrl: true });

const chars = (cs: string): KeySpec[] => [...cs].map((c) => ch(c));
const DIGITS = '0123456789';
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

const NAV: Scope[] = ['menu', 'list', 'find', 'pos', 'tender', 'refund', 'outbox', 'automation', 'operators'];
// Loyalty Plus's till keys: the till screen enables them when Loyalty Plus is the provider.
const LOYALTY_NOT_BUILT = 'needs Loyalty Plus as the provider (Default Settings 2)';

export const BINDINGS: Binding[] = [
  // Global: active on every screen.
  { command: 'help', keys: [k('f1')], label: 'Help', help: 'Show every key of this screen', scopes: ['global'], displayOnScreen: true },
  {
    command: 'back', keys: [k('escape')], label: 'Back', scopes: ['global'], displayOnScreen: true,
    help: 'Go back one level; on a form, cancel without saving (asks first when there are unsaved edits)',
    scopeLabels: { form: 'Cancel', dialog: 'Cancel', approve: 'Cancel' },
  },
  { command: 'exit', keys: [ctrl('c')], label: 'Quit', help: 'Quit tillpoint from any screen (asks first when a sale is open)', scopes: ['global'], displayOnScreen: false },
  // Ctrl+L: nothing else uses it, and it reaches us from every terminal (a plain key would be typing).
  { command: 'lock', keys: [ctrl('l')], label: 'Lock', help: 'Lock the till now (the open sale stays; your PIN or another operator goes on)', scopes: ['global'], displayOnScreen: false },

  // Selection movement.
  { command: 'moveUp', keys: [k('up')], label: 'Up', help: 'Move the selection up', scopes: NAV, displayOnScreen: false },
  { command: 'moveDown', keys: [k('down')], label: 'Down', help: 'Move the selection down', scopes: NAV, displayOnScreen: false },
  { command: 'pageUp', keys: [k('pageup')], label: 'PgUp', help: 'Move the selection up one page', scopes: NAV, displayOnScreen: false },
  { command: 'pageDown', keys: [k('pagedown')], label: 'PgDn', help: 'Move the selection down one page', scopes: NAV, displayOnScreen: false },
  // Home/End edit the entry field on the till screens, so they move the selection only here.
  { command: 'moveFirst', keys: [k('home')], label: 'Home', help: 'Go to the first row', scopes: ['menu', 'list', 'outbox', 'automation'], displayOnScreen: false },
  { command: 'moveLast', keys: [k('end')], label: 'End', help: 'Go to the last row', scopes: ['menu', 'list', 'outbox', 'automation'], displayOnScreen: false },
  { command: 'select', keys: [k('enter')], label: 'Open', help: 'Open or choose the selected row', scopes: ['menu', 'find'], displayOnScreen: true },

  // Menus.
  { command: 'quit', keys: [ch('q'), k('f10')], label: 'Quit', help: 'Quit tillpoint (asks first when a sale is open)', scopes: ['menu'], displayOnScreen: true },
  {
    command: 'menuHotKey', keys: [], label: 'Letter', keyHint: 'Letter', scopes: ['menu'], displayOnScreen: false,
    help: "Press an item's highlighted letter to open it",
  },

  // The till. Classic till layout: function keys, each one key away.
  { command: 'submit', keys: [k('enter')], label: 'Enter', help: 'Add the item code or amount typed (type 3* before a code for three)', scopes: ['pos', 'tender', 'refund'], displayOnScreen: false },
  { command: 'tender', keys: [k('f2')], label: 'Tender', help: 'Take payment for the sale', scopes: ['pos'], displayOnScreen: true },
  { command: 'findItem', keys: [k('f3')], label: 'Find', help: 'Find an item by description', scopes: ['pos'], displayOnScreen: true },
  { command: 'quantity', keys: [k('f4')], label: 'Qty', help: 'Change the quantity of the selected line (or type 3* before a code)', scopes: ['pos', 'refund'], displayOnScreen: true },
  { command: 'voidLine', keys: [k('f5'), k('delete')], label: 'Void', help: 'Void the selected line', scopes: ['pos'], displayOnScreen: true },
  { command: 'discount', keys: [k('f6')], label: 'Disc', help: 'Discount the selected line', scopes: ['pos'], displayOnScreen: true },
  { command: 'loyaltyMember', keys: [k('f7')], label: 'Loyalty', help: 'Attach a loyalty member by card or account number', scopes: ['pos'], displayOnScreen: false, disabledReason: `Loyalty: ${LOYALTY_NOT_BUILT}` },
  { command: 'balanceEnquiry', keys: [k('f8')], label: 'Balance', help: "Show the attached member's loyalty balance", scopes: ['pos'], displayOnScreen: false, disabledReason: `Balance enquiry: ${LOYALTY_NOT_BUILT}` },
  { command: 'refund', keys: [k('f9')], label: 'Refund', help: 'Refund lines of an earlier sale by its sale number', scopes: ['pos'], displayOnScreen: true },
  { command: 'attachDebtor', keys: [k('f11')], label: 'Debtor', help: 'Attach a debtor (account customer) to the sale', scopes: ['pos'], displayOnScreen: false },
  { command: 'loyaltyFunctions', keys: [k('f12')], label: 'Loy fns', help: 'Loyalty functions: enrol a member and more', scopes: ['pos'], displayOnScreen: false, disabledReason: `Loyalty functions: ${LOYALTY_NOT_BUILT}` },
  // Shift+F-keys do not reach us from the Linux console, so each has a Ctrl twin.
  { command: 'abandonSale', keys: [k('f5', { shift: true }), ctrl('x')], label: 'Abandon', help: 'Abandon the whole sale (asks first)', scopes: ['pos'], displayOnScreen: true },
  { command: 'reprint', keys: [k('f9', { shift: true }), ctrl('r')], label: 'Reprint', help: 'Show and reprint the last slip', scopes: ['pos', 'slip'], displayOnScreen: true },
  { command: 'removeTender', keys: [k('delete'), k('f5')], label: 'Remove', help: 'Remove the selected tender taken', scopes: ['tender'], displayOnScreen: true },
  // Which letter picks which tender depends on the tenders set up (tenderHotKeys); a letter no
  // tender has is refused with a message. Letters only, never digits: a barcode scanned on the
  // tender screen must not pick a tender and leave the rest of its digits as the amount.
  {
    command: 'pickTender', keys: chars(LETTERS), keyHint: 'Letter', label: 'Pick', scopes: ['tender', 'refund'], displayOnScreen: true,
    help: "Choose a tender by its letter (or Up/Down and Enter)",
  },
  { command: 'refundAll', keys: [k('f2')], label: 'All', help: 'Return every line still refundable', scopes: ['refund'], displayOnScreen: true },
  // Refund lines: plain characters, safe because no entry field is active while lines are marked
  // (the sale-number field is closed then).
  { command: 'toggleLine', keys: [ch(' ')], label: 'Mark', help: 'Mark the selected line in full, or unmark it', scopes: ['refund'], displayOnScreen: true },
  { command: 'qtyUp', keys: [ch('+')], label: 'More', help: 'One more of the selected line (up to what was sold)', scopes: ['refund'], displayOnScreen: true },
  { command: 'qtyDown', keys: [ch('-')], label: 'Less', help: 'One less of the selected line', scopes: ['refund'], displayOnScreen: true },
  { command: 'qtyDigit', keys: chars(DIGITS), keyHint: '0-9', label: 'Set qty', help: 'Type the quantity to return (1 then 2 = 12)', scopes: ['refund'], displayOnScreen: true },

  // The slip shown after a sale or refund. Any key not listed here starts the next sale too (a
  // printable one goes into the new sale's entry, so a scan typed at once is not lost).
  { command: 'nextSale', keys: [k('enter')], label: 'Next sale', help: 'Start the next sale (so does any other key)', scopes: ['slip'], displayOnScreen: true },
  {
    command: 'scrollSlip', keys: [k('up'), k('down'), k('pageup'), k('pagedown')], keyHint: 'Up/Down/PgUp/PgDn', label: 'Scroll', scopes: ['slip'], displayOnScreen: true,
    help: 'Scroll the slip a row or a page',
  },

  // Forms: Esc = Cancel (the global back), F10 = Accept.
  { command: 'accept', keys: [k('f10')], label: 'Accept', help: 'Save the form and leave', scopes: ['form'], displayOnScreen: true },
  { command: 'test', keys: [k('f8')], label: 'Test', help: 'Test the settings on this form (where the form has a test)', scopes: ['form'], displayOnScreen: true },
  { command: 'nextField', keys: [k('tab'), k('down'), k('enter')], label: 'Next', help: 'Go to the next field', scopes: ['form'], displayOnScreen: false },
  { command: 'prevField', keys: [k('tab', { shift: true }), k('up')], label: 'Prev', help: 'Go to the previous field', scopes: ['form'], displayOnScreen: false },
  // Tab moves between fields, so tabs of a form take PgDn/PgUp (Ctrl+arrows where the terminal has them).
  { command: 'nextTab', keys: [k('pagedown'), k('right', { ctrl: true })], label: 'Tab>', help: 'Show the next tab of the form', scopes: ['form'], displayOnScreen: true },
  { command: 'prevTab', keys: [k('pageup'), k('left', { ctrl: true })], label: '<Tab', help: 'Show the previous tab of the form', scopes: ['form'], displayOnScreen: true },
  // Keys of one kind of field: shown beside the focused field (FIELD_KEYS), not in the hint bar.
  // On a text field Space, Left and Right edit the text instead.
  {
    command: 'toggle', keys: [ch(' ')], label: 'Toggle', scopes: ['form'], displayOnScreen: false,
    help: "Open a choice's list / switch a flag",
  },
  {
    command: 'openList', keys: [k('f4')], label: 'List', scopes: ['form'], displayOnScreen: false,
    help: "Open a choice's list; Enter/Space picks, Esc closes",
  },
  {
    command: 'cycleChoice', keys: [k('left'), k('right')], keyHint: 'Left/Right', label: 'Change', scopes: ['form'], displayOnScreen: false,
    help: 'Previous / next choice, or switch a flag',
  },
  // F2 takes money at the till (Tender), so it takes a payment on a debtor's account too.
  {
    command: 'receivePayment', keys: [k('f2')], label: 'Payment', scopes: ['form'], displayOnScreen: true,
    help: "Receive a payment on the debtor's account (Debtor file, Account tab)",
  },

  // LoyaltyPlus Loyalty Uploads > FTP Setup (hidden on every other form).
  { command: 'ftpServers', keys: [k('f2')], label: 'FTP Servers', help: 'Open the FTP Servers list (LoyaltyPlus Loyalty Uploads)', scopes: ['form'], displayOnScreen: true },
  { command: 'setupEvents', keys: [k('f3')], label: 'Events', help: 'Setup Automation Events: create IQEvent_LoyaltyPlus_Sales if it is not there', scopes: ['form'], displayOnScreen: true },

  // Lists.
  { command: 'listAdd', keys: [k('insert'), k('f2')], label: 'Add', help: 'Add a new row', scopes: ['list'], displayOnScreen: true },
  { command: 'listEdit', keys: [k('enter')], label: 'Edit', help: 'Edit the selected row', scopes: ['list'], displayOnScreen: true },
  { command: 'listDelete', keys: [k('delete'), k('f8')], label: 'Delete', help: 'Delete the selected row (asks first)', scopes: ['list'], displayOnScreen: true },
  { command: 'listFind', keys: [k('f3'), ch('/')], label: 'Find', help: 'Search the list', scopes: ['list'], displayOnScreen: true },

  // F8 like Delete on a list and Test on a form: the one action of the screen, away from Enter.
  {
    command: 'retryNow', keys: [k('f8')], label: 'Retry now', scopes: ['outbox'], displayOnScreen: true,
    help: 'Send the selected waiting call now, and every call before it (they go in order); asks for the manager PIN',
  },

  // Utilities > Automation.
  { command: 'editEvent', keys: [k('enter')], label: 'Edit', help: 'Change the selected event: schedule and enabled', scopes: ['automation'], displayOnScreen: true },
  { command: 'runNow', keys: [k('f8')], label: 'Run now', help: 'Run the selected job now (refused while it runs or while another process runs the jobs)', scopes: ['automation'], displayOnScreen: true },
  { command: 'showLog', keys: [ch('l')], label: 'Log', help: 'Show the selected job\'s run log, newest first', scopes: ['automation'], displayOnScreen: true },
  { command: 'leaveList', keys: [ch('q')], label: 'Back', help: 'Back to the Utilities menu', scopes: ['automation'], displayOnScreen: false },

  // The login screen (shown while nobody is logged in, or the till is locked).
  { command: 'logIn', keys: [k('enter')], label: 'Log in', help: 'Next field; on the PIN, log in', scopes: ['login'], displayOnScreen: true },
  {
    command: 'loginField', keys: [k('tab'), k('tab', { shift: true }), k('up'), k('down')], keyHint: 'Tab/Up/Down', label: 'Field', scopes: ['login'], displayOnScreen: true,
    help: 'Move between Operator code and PIN',
  },

  // Utilities > Setup > Operators: Add and Edit as on every list, plus the operators' own keys.
  { command: 'operatorAdd', keys: [k('insert'), k('f2')], label: 'Add', help: 'Add an operator', scopes: ['operators'], displayOnScreen: true },
  { command: 'operatorEdit', keys: [k('enter')], label: 'Edit', help: 'Edit the selected operator (a blank PIN keeps the current one)', scopes: ['operators'], displayOnScreen: true },
  { command: 'unlockOperator', keys: [k('f8')], label: 'Unlock', help: 'Clear the lockout of the selected operator after wrong PINs (asks first)', scopes: ['operators'], displayOnScreen: true },
  { command: 'idleLockSetting', keys: [k('f4')], label: 'Idle lock', help: 'Minutes without a key before a till locks (0 = never)', scopes: ['operators'], displayOnScreen: true },

  // Cash-up: Enter takes the amount typed (or opens the selected Z); F10 closes the day, as Accept saves a form.
  { command: 'cashupEnter', keys: [k('enter')], label: 'OK', help: 'Take the amount typed, or view the selected Z report', scopes: ['cashup'], displayOnScreen: true },
  {
    command: 'scrollReport', keys: [k('up'), k('down'), k('pageup'), k('pagedown')], keyHint: 'Up/Down/PgUp/PgDn', label: 'Scroll', scopes: ['cashup'], displayOnScreen: true,
    help: 'Scroll the report a line or a page (or move through the past Z reports)',
  },
  { command: 'closeDay', keys: [k('f10')], label: 'Close day', help: 'Record the Z report with this drawer count: closes the till\'s business day for good (asks first)', scopes: ['cashup'], displayOnScreen: true },

  // Dialogs (Esc = the global back = cancel).
  { command: 'yes', keys: [ch('y')], label: 'Yes', help: 'Answer yes', scopes: ['dialog'], displayOnScreen: true },
  { command: 'no', keys: [ch('n')], label: 'No', help: 'Answer no', scopes: ['dialog'], displayOnScreen: true },

  // The override dialog (src/screens/operators/guard): Esc cancels, nothing is done then.
  { command: 'approve', keys: [k('enter')], label: 'Approve', help: "Enter on the code goes to the PIN; Enter on the PIN checks it and, when it is right, does what was asked", scopes: ['approve'], displayOnScreen: true },
  { command: 'approveField', keys: [k('tab'), k('tab', { shift: true }), k('up'), k('down')], keyHint: 'Tab', label: 'Field', help: "Move between the approver's code and PIN", scopes: ['approve'], displayOnScreen: true },
];

const BY_COMMAND = new Map<Command, Binding>(BINDINGS.map((b) => [b.command, b]));

export function bindingOf(command: Command): Binding {
  const b = BY_COMMAND.get(command);
  if (!b) throw new Error(`No binding for command ${command}`);
  return b;
}

export function specMatches(key: Key, spec: KeySpec): boolean {
  if (key.name !== spec.name) return false;
  if (key.ctrl !== (spec.ctrl ?? false) || key.alt !== (spec.alt ?? false)) return false;
  if (spec.name === 'char') {
    // A letter's case is Shift, which a hot key ignores ('q' and 'Q' both quit).
    return (key.ch ?? '').toLowerCase() === (spec.ch ?? '').toLowerCase();
  }
  return key.shift === (spec.shift ?? false);
}

export function matches(key: Key, command: Command): boolean {
  return bindingOf(command).keys.some((spec) => specMatches(key, spec));
}

/** Which of a command's keys this is (its index in the binding's keys), or -1: for commands whose
 * keys differ in direction or value (Left/Right, Up/Down/PgUp/PgDn, the digits). */
export function keyIndex(key: Key, command: Command): number {
  return bindingOf(command).keys.findIndex((spec) => specMatches(key, spec));
}

/** Does a binding apply in this scope? Global bindings apply everywhere. */
export function inScope(b: Binding, scope: Scope): boolean {
  return b.scopes.includes(scope) || b.scopes.includes('global');
}

/**
 * Every binding active in a scope (off-screen and disabled ones included): what F1 help lists.
 * `hide` leaves out commands a screen of the scope does not have (a form without a Test).
 */
export function bindingsFor(scope: Scope, hide: readonly Command[] = []): Binding[] {
  const global = BINDINGS.filter((b) => b.scopes.includes('global'));
  const own = scope === 'global' ? [] : BINDINGS.filter((b) => b.scopes.includes(scope) && !b.scopes.includes('global'));
  return [...global, ...own].filter((b) => !hide.includes(b.command));
}

/** The hint bar of a scope: global hints first (F1 Help is always visible), then the scope's. */
export function hintsFor(scope: Scope, hide: readonly Command[] = []): Binding[] {
  return bindingsFor(scope, hide).filter((b) => b.displayOnScreen);
}

/** The binding of a scope that a key triggers, if any. */
export function commandFor(key: Key, scope: Scope): Binding | undefined {
  return bindingsFor(scope).find((b) => b.keys.some((spec) => specMatches(key, spec)));
}

// How keys and labels are written for people: binding-labels.ts.
export { hintKey, keyLabel, keysLabel, labelFor } from './binding-labels.js';

// The sale itself: lines, totals and the ENTRY field. Enter scans what was typed (3*code sets the
// quantity); F4/F6 ask for a quantity or discount in the entry row; F5/Del voids the selected line.
import { useSyncExternalStore, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { parseMoney } from '../../engine/money.js';
import { voidLine as checkVoid } from '../../engine/sale.js';
import type { SaleLine } from '../../engine/types.js';
import { matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { useConfirm } from '../app-context.js';
import { useGuard } from '../operators/guard/use-guard.js';
import type { EntryBuffer } from '../input/entry-buffer.js';
import { EntryField } from '../input/entry-field.js';
import { useEntryField } from '../input/use-entry-field.js';
import { useContentSize } from '../shell/terminal-size.js';
import { parseQty, parseScanEntry } from './entry.js';
import { debtorSummary } from './debtor-panel.js';
import { memberSummary } from './lp-status.js';
import { enquire } from './member-panel.js';
import { amount, money } from './format.js';
import { errorText, LP_NOT_PROVIDER, type PosContext } from './pos-context.js';
import type { PosPrompt } from './pos-state.js';
import { SaleLinesView } from './sale-lines-view.js';
import { TotalsBox, TOTALS_ROWS } from './totals-box.js';

export interface SalePanelProps {
  ctx: PosContext;
  entry: EntryBuffer;
  prompt: EntryBuffer;
}

/**
 * Rows the lines window gets: what is left after the header, the totals box and the entry row,
 * and the debtor row and the Loyalty Plus member row while they are there (true = one row).
 */
export function lineRows(rows: number, extraRows: boolean | number = false): number {
  const extra = typeof extraRows === 'number' ? extraRows : extraRows ? 1 : 0;
  return Math.max(rows - 1 - TOTALS_ROWS - 1 - extra, 1);
}

/** The rows above the totals box: the debtor's and the Loyalty Plus member's. */
export function infoRows(s: { loyalty?: unknown; sale: { member?: unknown } | null }): number {
  return (s.loyalty ? 1 : 0) + (s.sale?.member ? 1 : 0);
}

function promptLabel(p: PosPrompt): string {
  if (p.kind === 'qty') return `New quantity for line ${p.lineNo}:`;
  return `Discount on line ${p.lineNo} (amount):`;
}

export function SalePanel({ ctx, entry, prompt }: SalePanelProps): ReactNode {
  // Inside the Shell: the rows and columns it leaves for content.
  const { rows, columns } = useContentSize();
  const { till, view, say, fmt } = ctx;
  const confirm = useConfirm();
  const guard = useGuard();
  const state = useSyncExternalStore(till.subscribe, till.getState);
  const v = useSyncExternalStore(view.subscribe, view.get);
  const listRows = lineRows(rows, infoRows(state));

  /** The selected line now (not at the last render: a burst may have just added one). */
  const selectedLine = (): SaleLine | undefined => till.getState().sale?.lines[view.get().selected];

  const askAbout = (kind: 'qty' | 'discount'): void => {
    const line = selectedLine();
    if (!line) return say('No line to change: scan an item first', 'error');
    if (line.voided) return say(`Line ${view.get().selected + 1} (${line.description}) is voided and cannot change`, 'error');
    // Pre-filled and selected: the first character typed replaces it, Enter alone keeps it.
    prompt.setSelected(kind === 'qty' ? String(line.qty) : line.discount > 0 ? amount(line.discount, fmt) : '');
    view.dispatch({ type: 'ask', prompt: { kind, lineId: line.id, lineNo: view.get().selected + 1 } });
  };

  const abandon = (): void => {
    const sale = till.getState().sale;
    if (!sale) return say('No sale is open: nothing to abandon', 'error');
    const count = sale.lines.filter((l) => !l.voided).length;
    void confirm({
      title: 'Abandon sale',
      message: `Abandon this sale? (y/n) Its ${count} line${count === 1 ? '' : 's'} are dropped and nothing is recorded.`,
      yesLabel: 'Abandon', noLabel: 'Keep the sale',
    }).then((yes) => {
      if (!yes) return say('Sale kept');
      try {
        till.abandon();
        say('Sale abandoned');
      } catch (err) {
        say(errorText(err), 'error');
      }
    });
  };

  /** F5/Del: a cashier's void needs a supervisor's override (the dialog), asked only for a line that can be voided. */
  const voidSelected = (): void => {
    const sale = till.getState().sale;
    const line = selectedLine();
    const lineNo = view.get().selected + 1;
    if (!sale || !line) return say('No line to void: scan an item first', 'error');
    try {
      checkVoid(sale, line.id);
    } catch (err) {
      return say(errorText(err), 'error');
    }
    void guard('void-line', `line ${lineNo}: ${line.description}`).then((outcome) => {
      if (!outcome.allowed) return say(`Line ${lineNo} not voided: no approval`);
      try {
        till.voidLine(line.id, outcome.approvedBy);
        say(`Line ${lineNo} voided: ${line.description}${outcome.approvedBy ? ` (approved by ${outcome.approvedBy})` : ''}`);
      } catch (err) {
        say(errorText(err), 'error');
      }
    });
  };

  /** F9: a cashier's refund needs a supervisor's override, asked when the refund starts. */
  const startRefund = (): void => {
    void guard('refund').then((outcome) => {
      if (!outcome.allowed) return say('Refund not started: no approval');
      view.dispatch({ type: 'open', mode: 'refund', ...(outcome.approvedBy ? { approvedBy: outcome.approvedBy } : {}) });
    });
  };

  // Registered before the entry fields, so the fields outrank it (a field beats its panel).
  useKeyHandler((key) => {
    const current = view.get();
    if (current.prompt) {
      if (!matches(key, 'back')) return false;
      view.dispatch({ type: 'closePrompt' });
      say('Cancelled');
      return true;
    }
    const page = Math.max(listRows - 1, 1);
    if (matches(key, 'moveUp')) view.dispatch({ type: 'move', delta: -1, rows: listRows });
    else if (matches(key, 'moveDown')) view.dispatch({ type: 'move', delta: 1, rows: listRows });
    else if (matches(key, 'pageUp')) view.dispatch({ type: 'move', delta: -page, rows: listRows });
    else if (matches(key, 'pageDown')) view.dispatch({ type: 'move', delta: page, rows: listRows });
    else if (matches(key, 'quantity')) {
      const typed = entry.get().value.trim();
      if (typed === '') askAbout('qty');
      else {
        const q = parseQty(typed);
        entry.clear();
        if ('message' in q) say(q.message, 'error');
        else {
          view.dispatch({ type: 'setPendingQty', qty: q.qty });
          say(`Quantity ${q.qty}: now scan or type the code`);
        }
      }
    } else if (matches(key, 'discount')) askAbout('discount');
    else if (matches(key, 'voidLine')) voidSelected();
    else if (matches(key, 'tender')) {
      if (till.getState().sale) view.dispatch({ type: 'open', mode: 'tender' });
      else say('Nothing to tender: scan an item first', 'error');
    } else if (matches(key, 'findItem')) view.dispatch({ type: 'open', mode: 'find' });
    else if (matches(key, 'attachDebtor')) view.dispatch({ type: 'open', mode: 'debtor' });
    else if (matches(key, 'loyaltyMember') || matches(key, 'balanceEnquiry') || matches(key, 'loyaltyFunctions')) {
      // Refused here with the reason that applies to this till, rather than the table's generic one.
      if (!ctx.lp) say(LP_NOT_PROVIDER, 'error');
      else if (matches(key, 'loyaltyMember')) view.dispatch({ type: 'open', mode: 'member' });
      else if (matches(key, 'loyaltyFunctions')) view.dispatch({ type: 'open', mode: 'loyalty' });
      else if (till.getState().sale?.member) enquire(ctx, undefined);
      else view.dispatch({ type: 'open', mode: 'balance' });
    }
    else if (matches(key, 'refund')) startRefund();
    else if (matches(key, 'abandonSale')) abandon();
    else if (matches(key, 'reprint')) {
      const last = till.getState().last;
      if (last) {
        view.dispatch({ type: 'showSlip', doc: last.kind === 'sale' ? last.saleNumber : last.refundNumber });
        say('The last slip, as printed: any key returns to the sale');
      }
      else say('No slip to show yet: complete a sale first', 'error');
    } else if (matches(key, 'back') && (entry.get().value !== '' || current.pendingQty !== undefined)) {
      // Esc first clears what was typed; only an empty entry leaves the till (the sale stays open).
      entry.clear();
      view.dispatch({ type: 'setPendingQty', qty: undefined });
      say('Entry cleared');
    } else return false;
    return true;
  }, { layer: 'screen' });

  useEntryField(entry, {
    active: v.prompt === null,
    maxLength: 40,
    onSubmit(value) {
      entry.clear();
      const parsed = parseScanEntry(value, view.get().pendingQty);
      if (parsed.kind === 'empty') return;
      if (parsed.kind === 'error') return say(parsed.message, 'error');
      try {
        till.scan(parsed.code, parsed.qty);
        view.dispatch({ type: 'setPendingQty', qty: undefined });
        const s = till.getState();
        const line = s.sale?.lines[s.sale.lines.length - 1];
        if (line) say(`Added ${line.qty} x ${line.description} at ${money(line.unitPrice, fmt)}`, 'success');
      } catch (err) {
        say(errorText(err), 'error');
      }
    },
  });

  useEntryField(prompt, {
    active: v.prompt !== null,
    maxLength: 12,
    filter: (ch) => /[0-9.]/.test(ch),
    onSubmit(value) {
      const p = view.get().prompt;
      if (!p) return;
      try {
        if (p.kind === 'qty') {
          const q = parseQty(value);
          if ('message' in q) return say(q.message, 'error');
          till.changeQty(p.lineId, q.qty);
          say(`Line ${p.lineNo}: quantity ${q.qty}`);
        } else {
          const cents = value.trim() === '' ? 0 : parseMoney(value, fmt.decimals);
          till.setDiscount(p.lineId, cents);
          say(cents === 0 ? `Line ${p.lineNo}: discount removed` : `Line ${p.lineNo}: discount ${money(cents, fmt)}`);
        }
        view.dispatch({ type: 'closePrompt' });
      } catch (err) {
        // The prompt stays open with what was typed, so the cashier can correct it.
        say(errorText(err), 'error');
      }
    },
  });

  const lines = state.sale?.lines ?? [];
  const label = v.prompt ? promptLabel(v.prompt) : v.pendingQty !== undefined ? `ENTRY ${v.pendingQty} x` : 'ENTRY';
  return (
    <Box flexDirection="column" height={rows} width={columns} overflow="hidden">
      <SaleLinesView lines={lines} selected={v.selected} listStart={v.listStart} rows={listRows} columns={columns} fmt={fmt} />
      <Box flexGrow={1} />
      {state.loyalty ? <Text wrap="truncate">{debtorSummary(state.loyalty, (c) => money(c, fmt))}</Text> : null}
      {state.sale?.member ? <Text wrap="truncate">{memberSummary(state.sale.member)}</Text> : null}
      <TotalsBox lines={lines} totals={state.totals} fmt={fmt} columns={columns} />
      <Box height={1} overflow="hidden">
        {v.prompt
          ? <EntryField key="prompt" buffer={prompt} label={label} width={Math.max(columns - label.length - 2, 4)} />
          : <EntryField key="entry" buffer={entry} label={label} width={Math.max(columns - label.length - 2, 4)} />}
      </Box>
    </Box>
  );
}

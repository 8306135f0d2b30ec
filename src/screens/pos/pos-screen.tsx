// Point of Sale: the till screen. Owns the view state (which panel, selection, status message) and
// the entry buffers, so a half-typed code survives opening Find or Tender and coming back. The sale
// itself lives in the till session (useApp().till) and arrives through useSyncExternalStore.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Text } from 'ink';
import type { CompletedRefund, CompletedSale } from '../../engine/types.js';
import type { LoyaltyPlusServices } from '../../integrations/loyaltyplus/services.js';
import type { TillSessionApi } from '../../store/till-types.js';
import { useApp } from '../app-context.js';
import { useDispatcher } from '../keys/dispatcher.js';
import { createEntryBuffer } from '../input/entry-buffer.js';
import { BINDINGS, matches, type Command, type Scope } from '../keys/bindings.js';
import type { Key } from '../keys/parse-keys.js';
import { Shell, SHELL_CHROME_ROWS } from '../shell/shell.js';
import { useTerminalSize } from '../shell/terminal-size.js';
import { DebtorPanel } from './debtor-panel.js';
import { EnrolPanel, type LoyaltyPhase } from './enrol-panel.js';
import { FindPanel } from './find-panel.js';
import { money, moneyFmt, type MoneyFmt } from './format.js';
import type { PosContext } from './pos-context.js';
import { docNumber, initialPosView, posReducer, type PosMode, type PosView } from './pos-state.js';
import { RefundPanel } from './refund-panel.js';
import { refundHidden, type RefundPhase } from './refund-state.js';
import { useLpStatus } from './lp-status.js';
import { createLpWait } from './lp-wait.js';
import { MemberPanel } from './member-panel.js';
import { infoRows, lineRows, SalePanel } from './sale-panel.js';
import { SlipPanel } from './slip-panel.js';
import { TenderPanel } from './tender-panel.js';
import { createViewStore, useViewStore } from './view-store.js';

// Attach debtor is a search overlay like Find item, so it shares Find's keys.
// The Loyalty Plus number prompts and menu are small search-like overlays too; enrolment is a form.
const SCOPES: Record<PosMode, Scope> = {
  sale: 'pos', find: 'find', tender: 'tender', refund: 'refund', slip: 'slip', debtor: 'find', member: 'find', balance: 'find', loyalty: 'find',
};
const NO_HIDE: readonly Command[] = [];
const LP_KEYS: readonly Command[] = ['loyaltyMember', 'balanceEnquiry', 'loyaltyFunctions'];
/** Enrolment's fields take Tab/Enter and F10; the form's other keys do nothing there. */
const ENROL_HIDE: readonly Command[] = BINDINGS.filter((b) => b.scopes.includes('form') && !['accept', 'nextField', 'prevField'].includes(b.command)).map((b) => b.command);
const CRUMBS: Record<PosMode, string[]> = {
  sale: ['Point of Sale'], find: ['Point of Sale', 'Find Item'], tender: ['Point of Sale', 'Tender'],
  refund: ['Point of Sale', 'Refund'], slip: ['Point of Sale', 'Slip'], debtor: ['Point of Sale', 'Attach Debtor'],
  member: ['Point of Sale', 'Loyalty Member'], balance: ['Point of Sale', 'Balance Enquiry'], loyalty: ['Point of Sale', 'Loyalty Functions'],
};

export const RESUMED_MESSAGE = 'The open sale was reopened after a restart: carry on, tender it (F2) or abandon it (Shift+F5)';

/** What the status line says when a sale or refund has been recorded. */
export function completedText(doc: CompletedSale | CompletedRefund, fmt: MoneyFmt): string {
  if (doc.kind === 'sale') {
    return `Sale ${doc.saleNumber} complete${doc.change > 0 ? `: change ${money(doc.change, fmt)}` : ''}`;
  }
  const paid = doc.tenders.reduce((n, t) => n + t.amount, 0);
  return `Refund ${doc.refundNumber} of sale ${doc.saleNumber} recorded: pay out ${money(paid, fmt)}`;
}

function initialView(till: TillSessionApi): PosView {
  const s = till.getState();
  return initialPosView(s.sale?.lines.length ?? 0, s.last ? docNumber(s.last) : null,
    s.resumed && s.sale ? { text: RESUMED_MESSAGE, tone: 'info' } : null);
}

export function PosScreen(): ReactNode {
  const { till, loyaltyPlus } = useApp();
  if (!till) {
    return (
      <Shell breadcrumb={['Point of Sale']} scope="pos" status={{ text: 'This session has no till: start tillpoint with --till T1 to sell', kind: 'error' }}>
        <Text>Point of Sale needs a till. This is a back-office session.</Text>
      </Shell>
    );
  }
  return <TillScreen till={till} lpServices={loyaltyPlus} />;
}

function TillScreen({ till, lpServices }: { till: TillSessionApi; lpServices: LoyaltyPlusServices | undefined }): ReactNode {
  // The panels size themselves inside the Shell; this is only for the till's listener, which
  // keeps the lines window on the newest line as scans arrive.
  const terminal = useTerminalSize();
  const [v, view] = useViewStore(() => createViewStore(posReducer, initialView(till)), (s) => `${s.mode}:${s.prompt?.kind ?? ''}`);
  const state = useSyncExternalStore(till.subscribe, till.getState);
  const [buffers] = useState(() => ({
    entry: createEntryBuffer(), prompt: createEntryBuffer(), amount: createEntryBuffer(),
    search: createEntryBuffer(), saleNumber: createEntryBuffer(), debtorSearch: createEntryBuffer(), member: createEntryBuffer(),
  }));
  // The refund panel's phase, so the hint bar and help show only the keys of that phase.
  const [refundPhase, setRefundPhase] = useState<RefundPhase>('number');
  const onRefundPhase = useCallback((phase: RefundPhase) => setRefundPhase(phase), []);
  const [loyaltyPhase, setLoyaltyPhase] = useState<LoyaltyPhase>('menu');
  // Terminal rows, read when the till changes: the debtor row is there or not by then.
  const rowsRef = useRef(terminal.rows - SHELL_CHROME_ROWS);
  rowsRef.current = terminal.rows - SHELL_CHROME_ROWS;

  // The till tells us synchronously after every change, so the selection follows a new line and a
  // completed document shows its slip before the next key of a burst is handled.
  useLayoutEffect(() => {
    const sync = (): void => {
      const s = till.getState();
      view.dispatch({ type: 'linesChanged', count: s.sale?.lines.length ?? 0, rows: lineRows(rowsRef.current, infoRows(s)) });
      if (s.last && docNumber(s.last) !== view.get().slipDoc) {
        view.dispatch({ type: 'showSlip', doc: docNumber(s.last) });
        view.dispatch({ type: 'message', text: `${completedText(s.last, moneyFmt(till.company()))}. Any key starts the next sale`, tone: 'success' });
      }
      // A sale abandoned or completed elsewhere (the command line) leaves nothing to tender.
      else if (!s.sale && view.get().mode === 'tender') view.dispatch({ type: 'open', mode: 'sale' });
    };
    sync();
    return till.subscribe(sync);
  }, [till, view]);

  const dispatcher = useDispatcher();
  const [ctx] = useState<PosContext>(() => ({
    till, view, fmt: moneyFmt(till.company()),
    say: (text, tone = 'info') => view.dispatch({ type: 'message', text, tone }),
    lp: lpServices?.till ?? null,
    wait: createLpWait(dispatcher),
  }));
  const waiting = useSyncExternalStore(ctx.wait.subscribe, ctx.wait.get);
  useEffect(() => () => ctx.wait.dispose(), [ctx]);
  const lpStatus = useLpStatus(lpServices);
  // Company Details may change in the back office while the till runs.
  ctx.fmt = moneyFmt(till.company());

  const leaveSlip = (key: Key): void => {
    view.dispatch({ type: 'open', mode: 'sale' });
    view.dispatch({ type: 'message', text: till.getState().sale ? 'Back to the open sale' : 'Next sale: scan or type an item code' });
    // Enter (Next sale) and Esc only leave the slip. Any other key also does what it does on the
    // sale screen (F9 opens Refund at once, a character is the start of the next scan): it is
    // handed on, ahead of the keys after it, and waits until the sale screen has mounted.
    if (matches(key, 'nextSale') || matches(key, 'back')) return;
    dispatcher.redeliver(key);
  };

  let body: ReactNode;
  if (v.mode === 'slip' && state.last) {
    body = <SlipPanel key={docNumber(state.last)} ctx={ctx} doc={state.last} onDone={leaveSlip} />;
  } else if (v.mode === 'tender' && state.sale) {
    body = <TenderPanel ctx={ctx} amountBuffer={buffers.amount} />;
  } else if (v.mode === 'member' || v.mode === 'balance') {
    body = <MemberPanel key={v.mode} ctx={ctx} buffer={buffers.member} purpose={v.mode === 'member' ? 'attach' : 'balance'} />;
  } else if (v.mode === 'loyalty') {
    body = <EnrolPanel ctx={ctx} onPhase={setLoyaltyPhase} />;
  } else if (v.mode === 'debtor') {
    body = <DebtorPanel ctx={ctx} search={buffers.debtorSearch} />;
  } else if (v.mode === 'find') {
    body = <FindPanel ctx={ctx} search={buffers.search} />;
  } else if (v.mode === 'refund') {
    body = <RefundPanel ctx={ctx} numberBuffer={buffers.saleNumber} onPhase={onRefundPhase} />;
  } else {
    body = <SalePanel ctx={ctx} entry={buffers.entry} prompt={buffers.prompt} />;
  }
  const status = v.message ? { text: v.message.text, kind: v.message.tone === 'error' ? 'error' as const : 'info' as const } : undefined;
  const enrolling = v.mode === 'loyalty' && loyaltyPhase === 'enrol';
  const hide = v.mode === 'refund' ? refundHidden(refundPhase) : enrolling ? ENROL_HIDE : NO_HIDE;
  const crumbs = enrolling ? [...CRUMBS.loyalty, 'Enrol Member'] : CRUMBS[v.mode];
  return (
    <Shell breadcrumb={crumbs} scope={enrolling ? 'form' : SCOPES[v.mode]} hide={hide} enable={lpServices?.till ? LP_KEYS : NO_HIDE} status={status} busy={waiting ?? undefined} aside={lpStatus}>
      {body}
    </Shell>
  );
}

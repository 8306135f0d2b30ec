// Refund screen state: ask for the sale number, mark lines and quantities, choose the tender, then
// confirm the exact payout (the engine's own figure, cash rounding included) before it is recorded.
// Quantities the cashier types are not capped at what is refundable: the engine is the one judge of
// an over-refund (another till may have refunded meanwhile) and its message is shown as it is.
import type { RefundableLine, RefundRequestLine } from '../../store/till-types.js';
import type { CompletedRefund, CompletedSale } from '../../engine/types.js';
import type { Command } from '../keys/bindings.js';
import { moveSelection } from './window.js';

export type RefundPhase = 'number' | 'lines' | 'tender' | 'confirm';

export interface RefundView {
  phase: RefundPhase;
  sale: CompletedSale | null;
  lines: RefundableLine[];
  /** Quantity to return per line, by index into lines; 0 = not returned. */
  qty: number[];
  selected: number;
  /** Digits typed on the selected line since it was selected (typing "12" sets 12). */
  typed: string;
  tenderIndex: number;
  /** The refund as it would be recorded (till.previewRefund), shown in the confirm phase. */
  preview: CompletedRefund | null;
}

export type RefundAction =
  | { type: 'loaded'; sale: CompletedSale; lines: RefundableLine[] }
  | { type: 'move'; delta: number }
  | { type: 'toggle' }
  | { type: 'step'; delta: number }
  | { type: 'digit'; digit: string }
  | { type: 'markAll' }
  | { type: 'clearLine' }
  | { type: 'toTender'; tenderIndex: number }
  | { type: 'moveTender'; delta: number; count: number }
  | { type: 'pickTender'; index: number }
  | { type: 'confirm'; preview: CompletedRefund }
  | { type: 'backToTender' }
  | { type: 'backToLines' }
  | { type: 'restart' };

export const initialRefundView: RefundView = {
  phase: 'number', sale: null, lines: [], qty: [], selected: 0, typed: '', tenderIndex: 0, preview: null,
};

function setQty(state: RefundView, qty: number): RefundView {
  const next = state.qty.slice();
  next[state.selected] = Math.max(qty, 0);
  return { ...state, qty: next };
}

export function refundReducer(state: RefundView, action: RefundAction): RefundView {
  switch (action.type) {
    case 'loaded':
      return { ...initialRefundView, phase: 'lines', sale: action.sale, lines: action.lines, qty: action.lines.map(() => 0) };
    case 'move':
      return { ...state, selected: moveSelection(state.selected, action.delta, state.lines.length), typed: '' };
    case 'toggle': {
      const line = state.lines[state.selected];
      if (!line) return state;
      const current = state.qty[state.selected] ?? 0;
      return { ...setQty(state, current > 0 ? 0 : line.refundable), typed: '' };
    }
    case 'step': {
      const line = state.lines[state.selected];
      if (!line) return state;
      // + stops at what was sold; typing a number is how a cashier asks for more (and is refused).
      const current = state.qty[state.selected] ?? 0;
      return { ...setQty(state, Math.min(current + action.delta, line.sold)), typed: '' };
    }
    case 'digit': {
      if (!state.lines[state.selected] || !/^\d$/.test(action.digit)) return state;
      const typed = `${state.typed}${action.digit}`.replace(/^0+(?=\d)/, '').slice(0, 4);
      return { ...setQty(state, Number(typed)), typed };
    }
    case 'markAll':
      return { ...state, qty: state.lines.map((l) => Math.max(l.refundable, 0)), typed: '' };
    case 'clearLine':
      return state.lines[state.selected] ? { ...setQty(state, 0), typed: '' } : state;
    case 'toTender':
      return { ...state, phase: 'tender', tenderIndex: action.tenderIndex, typed: '' };
    case 'moveTender':
      return state.phase === 'tender' ? { ...state, tenderIndex: moveSelection(state.tenderIndex, action.delta, action.count) } : state;
    case 'pickTender':
      return state.phase === 'tender' ? { ...state, tenderIndex: action.index } : state;
    case 'confirm':
      return state.phase === 'tender' ? { ...state, phase: 'confirm', preview: action.preview } : state;
    case 'backToTender':
      return { ...state, phase: 'tender', preview: null };
    case 'backToLines':
      return { ...state, phase: 'lines', preview: null };
    case 'restart':
      return initialRefundView;
  }
}

/** Keys of the refund scope that marking lines has. */
const LINE_COMMANDS: readonly Command[] = ['toggleLine', 'qtyUp', 'qtyDown', 'qtyDigit', 'refundAll', 'quantity'];
const HIDDEN: Record<RefundPhase, readonly Command[]> = {
  number: [...LINE_COMMANDS, 'pickTender'],
  lines: ['pickTender'],
  tender: LINE_COMMANDS,
  confirm: [...LINE_COMMANDS, 'pickTender'],
};

/** Refund-scope commands that do nothing in a phase: the hint bar and help leave them out. */
export function refundHidden(phase: RefundPhase): readonly Command[] {
  return HIDDEN[phase];
}

/** What goes to till.refund: the marked lines with their quantities. */
export function refundRequest(state: RefundView): RefundRequestLine[] {
  return state.lines
    .map((l, i) => ({ lineNo: l.lineNo, qty: state.qty[i] ?? 0 }))
    .filter((l) => l.qty > 0);
}

/** Value of what is marked (unit value x qty), shown while lines are marked; the exact payout
 * (rounding included) comes from till.previewRefund before the cashier confirms. */
export function refundPreview(state: RefundView): number {
  return state.lines.reduce((sum, l, i) => sum + l.unitValue * (state.qty[i] ?? 0), 0);
}

/** Default refund tender: CASH, else the first cash-kind tender, else the first. */
export function defaultRefundTender(tenders: readonly { code: string; kind: string }[]): number {
  const byCode = tenders.findIndex((t) => t.code === 'CASH');
  if (byCode >= 0) return byCode;
  const cash = tenders.findIndex((t) => t.kind === 'cash');
  return cash >= 0 ? cash : 0;
}

/** What a refund pays back, over every tender. */
export function refundPayout(doc: Pick<CompletedRefund, 'tenders'>): number {
  return doc.tenders.reduce((n, t) => n + t.amount, 0);
}

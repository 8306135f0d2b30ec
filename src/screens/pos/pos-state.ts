// View state of the Point of Sale screen (what is on screen, not the sale itself: the sale lives in
// the till session and arrives through useSyncExternalStore). A plain reducer, tested without Ink.
import { moveSelection, windowStart } from './window.js';

// member: F7 attach or detach a Loyalty Plus member; balance: F8 asks for a number; loyalty: F12.
export type PosMode = 'sale' | 'find' | 'tender' | 'refund' | 'slip' | 'debtor' | 'member' | 'balance' | 'loyalty';

/** A question asked in the entry row; the entry's Enter answers it instead of scanning. */
export type PosPrompt =
  | { kind: 'qty'; lineId: number; lineNo: number }
  | { kind: 'discount'; lineId: number; lineNo: number };

export type MessageTone = 'info' | 'error' | 'success';

export interface PosMessage {
  text: string;
  tone: MessageTone;
}

export interface PosView {
  mode: PosMode;
  prompt: PosPrompt | null;
  /** Index into the open sale's lines (voided lines included, as they are listed). */
  selected: number;
  /** First line shown in the lines window. */
  listStart: number;
  /** Line count seen last, so a new line moves the selection to it. */
  lineCount: number;
  /** Quantity set with F4 for the next scan. */
  pendingQty: number | undefined;
  message: PosMessage | null;
  /** Number of the completed document whose slip is (or was) shown, so it is shown once. */
  slipDoc: string | null;
  /** The supervisor whose override allowed the refund open now (a cashier's); cleared when it ends. */
  refundApprovedBy?: string;
}

export type PosAction =
  | { type: 'linesChanged'; count: number; rows: number }
  | { type: 'move'; delta: number; rows: number }
  | { type: 'setPendingQty'; qty: number | undefined }
  | { type: 'ask'; prompt: PosPrompt }
  | { type: 'closePrompt' }
  | { type: 'open'; mode: PosMode; approvedBy?: string }
  | { type: 'showSlip'; doc: string }
  | { type: 'message'; text: string; tone?: MessageTone }
  | { type: 'clearMessage' };

export function initialPosView(lineCount: number, lastDoc: string | null, message: PosMessage | null = null): PosView {
  // A slip completed before this screen opened is not shown again: lastDoc counts as already seen.
  return {
    mode: 'sale', prompt: null, selected: Math.max(lineCount - 1, 0), listStart: 0, lineCount,
    pendingQty: undefined, message, slipDoc: lastDoc,
  };
}

export function posReducer(state: PosView, action: PosAction): PosView {
  switch (action.type) {
    case 'linesChanged': {
      if (action.count === state.lineCount) return state;
      // A line added (scan, find) is selected so the cashier sees what went in; fewer lines only
      // happens when a new sale starts or the sale is abandoned.
      const selected = action.count > state.lineCount ? action.count - 1 : Math.min(state.selected, Math.max(action.count - 1, 0));
      return { ...state, lineCount: action.count, selected, listStart: windowStart(selected, action.count, action.rows, state.listStart) };
    }
    case 'move': {
      const selected = moveSelection(state.selected, action.delta, state.lineCount);
      return { ...state, selected, listStart: windowStart(selected, state.lineCount, action.rows, state.listStart) };
    }
    case 'setPendingQty':
      return { ...state, pendingQty: action.qty };
    case 'ask':
      return { ...state, prompt: action.prompt };
    case 'closePrompt':
      return { ...state, prompt: null };
    case 'open': {
      // A message is about the panel it was said on: a new panel starts with none (the sale's
      // "No item ..." must not greet the cashier on the Refund screen).
      const next: PosView = { ...state, mode: action.mode, prompt: null, message: action.mode === state.mode ? state.message : null };
      // An override is for the refund it was given for: leaving Refund ends it.
      if (action.mode === 'refund' && action.approvedBy !== undefined) next.refundApprovedBy = action.approvedBy;
      else if (action.mode !== 'refund' || state.mode !== 'refund') delete next.refundApprovedBy;
      return next;
    }
    case 'showSlip': {
      const next: PosView = { ...state, mode: 'slip', prompt: null, slipDoc: action.doc, pendingQty: undefined };
      delete next.refundApprovedBy;
      return next;
    }
    case 'message':
      return { ...state, message: { text: action.text, tone: action.tone ?? 'info' } };
    case 'clearMessage':
      return state.message === null ? state : { ...state, message: null };
  }
}

/** The document number of a completed sale or refund. */
export function docNumber(doc: { kind: 'sale'; saleNumber: string } | { kind: 'refund'; refundNumber: string }): string {
  return doc.kind === 'sale' ? doc.saleNumber : doc.refundNumber;
}

// The engine's public surface: pure functions over the types in types.ts.
export * from './types.js';
export { EngineError, ERR, assert, isEngineError } from './errors.js';
export type { ErrorCode } from './errors.js';
export { parseMoney, formatMoney, assertCents } from './money.js';
export type { MoneyFormat, ParseMoneyOptions } from './money.js';
export { parseRate, formatRate, assertRate } from './rate.js';
export { roundHalfAwayFromZero, roundCash } from './rounding.js';
export { taxBreakdown, taxInGross, taxTotal } from './tax.js';
export type { TaxableValue } from './tax.js';
export * from './sale.js';
export { buildRefund, refundedQty, refundValue } from './refund.js';
export type { BuildRefundInput, RefundRequestItem } from './refund.js';
export { indexItems } from './items.js';
export type { ItemIndex } from './items.js';
export { renderSlip } from './slip.js';
export type { SlipOptions } from './slip.js';
export { deepFreeze } from './freeze.js';

// The sale commands in one import: lines, tenders, totals and completion live in their own files.
export { newSale, requireSale, addItem, changeQty, voidLine, setDiscount, assertQty, MAX_QTY } from './sale-lines.js';
export type { NewSaleInput } from './sale-lines.js';
export { addTender, removeTender, resolveTender } from './sale-tenders.js';
export { saleTotals, saleTotal, cashDue, balanceDue, lineValue, activeLines } from './sale-totals.js';
export { completeSale } from './sale-complete.js';
export type { CompleteSaleInput } from './sale-complete.js';

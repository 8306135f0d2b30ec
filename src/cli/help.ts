export const MAIN_HELP = `tillpoint: a full-screen, keyboard-only till with built-in loyalty

Usage:
  tillpoint [--data DIR] [--till ID]           open the till (full screen)
  tillpoint --back-office [--data DIR]         open the back office (no till)
  tillpoint init [--demo]                      create a store (with demo data)
  tillpoint import items FILE.csv              add or update items (all rows or none)
  tillpoint export items [--out FILE]          write the items as CSV
  tillpoint sell --item CODE[xQTY]... --tender T[:AMOUNT]... [--json]
  tillpoint refund SALE [--line N[xQTY]]... [--tender T] [--json]
  tillpoint sales [--json]                     list sales and refunds
  tillpoint bench commit --data SCRATCH        measure sale commits on this PC's disk

Options:
  --data DIR     the store's data folder (default: TILLPOINT_DATA, else data/ beside tillpoint;
                 a missing folder becomes an empty store)
  --till ID      which till this process is (default: TILLPOINT_TILL, else T1)
  --json         machine-readable output
  -h, --help     help (also: tillpoint COMMAND --help)
  -V, --version  the version

Environment:
  TILLPOINT_NOW=<ISO date-time>  start the clock at that instant (testing and training)

Exit codes: 0 done, 1 input refused (nothing changed), 2 usage error.
`;

export const COMMAND_HELP: Record<string, string> = {
  init: `tillpoint init [--demo] [--data DIR]
  Creates the store (an empty store has working defaults: tenders, ledger accounts, settings).
  --demo also fills it with the demo items.`,
  import: `tillpoint import items FILE.csv [--data DIR]
  Header: code,barcode,description,price,taxRate (code, description and price required; any order).
  price is a decimal amount including tax (19.99); taxRate a percentage (15 or 15.0).
  Existing codes are updated, new codes added. Every bad row is reported by line; then nothing changes.`,
  export: `tillpoint export items [--out FILE] [--data DIR]
  Writes every item in the import format (to standard output unless --out).`,
  sell: `tillpoint sell --item CODE[xQTY]... --tender T[:AMOUNT]... [--till ID] [--json]
  Records a sale exactly as the till would. T is a tender code or kind (cash, card, ...);
  no AMOUNT = the balance due. Cash is rounded per Company Details; change is given in cash only.
  JSON: saleNumber, lines, total, tax, tenders, change (cents).`,
  refund: `tillpoint refund SALE [--line N[xQTY]]... [--tender T] [--till ID] [--json]
  Returns lines of sale SALE (numbered from 1 as on the slip); no --line returns all that is left.
  Paid back on tender T (default: the cash tender).`,
  bench: `tillpoint bench commit --data SCRATCH [--till ID] [--samples N] [--json]
  Rings up N sales (default 200) of three demo items on a scratch store and times each commit:
  the journal write and fsync, the slip files and clearing the open sale. It records real sales in
  that store: never point it at a live store.`,
  sales: `tillpoint sales [--json]
  Lists every sale and refund of every till.`,
};

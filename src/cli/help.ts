export const MAIN_HELP = `tillpoint: a full-screen, keyboard-only till with built-in loyalty

Usage:
  tillpoint [--data DIR] [--till ID]           open the till (full screen)
  tillpoint --back-office [--data DIR]         open the back office (no till)
  tillpoint init [--demo]                      create a store (with demo data)
  tillpoint import items|debtors|contracts FILE.csv
                                               add or update records (all rows or none)
  tillpoint export items|debtors|contracts [--out FILE]
                                               write them as CSV (the import format)
  tillpoint sell --item CODE[xQTY]... --tender T[:AMOUNT]... [--debtor CODE] [--json]
  tillpoint refund SALE [--line N[xQTY]]... [--tender T] [--json]
  tillpoint sales [--json]                     list sales and refunds
  tillpoint loyalty DEBTOR [--json]            a debtor's loyalty balances and rows
  tillpoint accrue [--kinds K,...] [--zero-unused] [--json]
                                               Accrue Loyalties: post ended periods' credits
  tillpoint upload [--json]                    Loyalty Plus sales uploads: one run now (SFTP)
  tillpoint doctor [--json]                    check the store for support: disk, locks, journals,
                                               clock, documents, web service, SFTP, jobs, outbox
  tillpoint loyalty-tables backup [--out DIR] | list [--json]
                                               Backup Loyalty tables; the backups taken
  tillpoint backup [--to DIR] [--json]         copy the whole store, while tills run
  tillpoint restore BACKUP [--json]            put back what a backup holds (checksums first)
  tillpoint report NAME [--from DATE] [--to DATE] [--csv|--json]
                                               a report (tillpoint report --help lists them)
  tillpoint operator list|add|edit|unlock ...   operators, roles and PINs (tillpoint operator --help)
  tillpoint cashup float AMOUNT | x | z --count AMOUNT [--till ID] [--json]
                                               cash-up: opening float, X report, Z report
  tillpoint bench commit --data SCRATCH        measure sale commits on this PC's disk

Options:
  --data DIR     the store's data folder (default: TILLPOINT_DATA, else data/ beside tillpoint;
                 a missing folder becomes an empty store)
  --till ID      which till this process is (default: TILLPOINT_TILL, else T1)
  --json         machine-readable output
  --operator CODE  act as this operator (PIN from TILLPOINT_PIN, else asked on the terminal);
                 without it a command acts as the built-in system operator
  -h, --help     help (also: tillpoint COMMAND --help)
  -V, --version  the version

Environment:
  TILLPOINT_NOW=<ISO date-time>  start the clock at that instant (testing and training)
  TILLPOINT_PIN=<PIN>            the PIN of --operator; TILLPOINT_NEW_PIN: a new operator's PIN

Exit codes: 0 done, 1 input refused (nothing changed), 2 usage error.
`;

export const COMMAND_HELP: Record<string, string> = {
  cashup: `tillpoint cashup float AMOUNT | x | z --count AMOUNT [--till ID] [--json]
  float AMOUNT   records the opening float of the till's drawer (typing it again replaces it)
  x              the X report: totals since the last Z (nothing is recorded)
  z --count AMT  the Z report: AMT is the cash counted in the drawer; closes the till's business
                 day (one Z per till per day, numbered, never reopened) and posts the over/short
                 to the ledger; the Z slip is also written under slips/.
  The till must not be open in another process. A second Z on the same day is refused (exit 1).
  JSON: the float or Z document (amounts in cents), or the X report's totals.`,
  init: `tillpoint init [--demo] [--data DIR]
  Creates the store (an empty store has working defaults: tenders, ledger accounts, settings).
  --demo also fills it with the demo items, debtors and contracts.`,
  import: `tillpoint import items|debtors|contracts FILE.csv [--data DIR] [--json]
  A header row names the columns, in any order; required columns must be there, unknown ones are
  refused. Existing records are updated (columns the file leaves out keep their values), new ones
  added. Every bad row is reported by line (file: line N: column: problem); then nothing changes.

  items     code,barcode,description,price,taxRate,loyalty,loyaltyPercent
            (code, description and price required). price: a decimal amount including tax
            (19.99); taxRate: a percentage (15 or 15.0); loyalty: yes or no (Loyalty applicable);
            loyaltyPercent: the item's own Loyalty Percentage (2.5), only with loyalty=yes.
  debtors   code,name,cellphone,email,loyaltyApplicable,excludeFromContracts,
            target1,percent1,target2,percent2,target3,percent3,target4,percent4
            (code and name required). cellphone: 7-15 digits, optional leading +; email: an
            address or empty; loyaltyApplicable: no, monthly-journal, quarterly-journal,
            yearly-journal, monthly-payment or quarterly-payment; excludeFromContracts: yes or no;
            targets: decimal sales amounts, strictly ascending (200.00); percents: 0 to 100 (2.5);
            leave both cells of unused tiers empty. Checked exactly as the Debtor Loyalty tab.
            A debtor whose loyalty goes from no to on is switched on at the time of the import.
  contracts debtor,item,price,excludeFromRebates (debtor, item and price required). The debtor
            and the item must exist; price: the contract price including tax (17.99);
            excludeFromRebates: yes or no (default no). One contract per debtor and item.`,
  export: `tillpoint export items|debtors|contracts [--out FILE] [--data DIR]
  Writes every record in the import format (to standard output unless --out).
  Items get the loyalty columns once some item has loyalty settings.`,
  sell: `tillpoint sell --item CODE[xQTY]... --tender T[:AMOUNT]... [--debtor CODE] [--till ID] [--json]
  Records a sale exactly as the till would. T is a tender code or kind (cash, card, ...);
  no AMOUNT = the balance due. Cash is rounded per Company Details; change is given in cash only.
  --debtor attaches a debtor: contract prices, loyalty credit, the account and loyalty tenders.
  JSON: saleNumber, lines (with loyaltyRate), total, tax, tenders, change, debtor,
  loyaltyRate (basis points), loyaltyEarned (cents).`,
  loyalty: `tillpoint loyalty DEBTOR [--json]
  The debtor's loyalty balances now and the rows behind them.
  JSON: debtor, name, monthToDate, pendingAccrual, accrued, redeemed, available (cents),
  lifetime, rows.`,
  accrue: `tillpoint accrue [--kinds KIND,...] [--zero-unused] [--json]
  Accrue Loyalties, as the Loyalties menu and the nightly job run it: posts the credits of ended
  periods (Pending Accrual) to Accrued; Journal Account debtors then get a journal credit on their
  account. --kinds: some of monthly-journal, quarterly-journal, yearly-journal, monthly-payment,
  quarterly-payment (default all). --zero-unused first writes back Available left from earlier
  periods. Repeating a run posts nothing more. JSON: runId, considered, debtors, posted,
  journalCredited, zeroed (cents), documents.`,
  upload: `tillpoint upload [--json] [--data DIR]
  One Loyalty Plus sales upload run now, as the scheduled event IQEvent_LoyaltyPlus_Sales runs it:
  the loyalty sales and refunds not yet uploaded, one CSV file per till, to the chosen SFTP account's
  Upload Path (LoyaltyPlus Loyalty Uploads > Setup). Batches a stopped run left are finished first;
  nothing already on the server is sent again. Exit 1 with the reason when it is not set up, the
  server refuses or stays unreachable after retries (files sent before that stay sent).
  JSON: batches, sales, bytes, foundOnServer, tills (till, batches, sales, bytes, files).`,
  doctor: `tillpoint doctor [--json] [--data DIR]
  Read-only checks for remote support: data folder writable and free space, locks and the pid
  holding each, every journal line's checksum, clock and time zone, the lowdb documents, the Loyalty
  Plus web service (a signed member lookup, when set up), the chosen SFTP account (login and a probe
  file in the Upload Path, when chosen), the scheduled jobs' last runs and the outbox's oldest call.
  One line per check (OK, WARN or FAIL) with the fix on the next line. Exit 1 when a check fails,
  0 otherwise (warnings included). Nothing in the store changes (a probe file is written and
  removed at once; no lock is taken) and no secret is printed.
  JSON: checks (id, title, status ok|warning|fail, detail, fix), ok.`,
  'loyalty-tables': `tillpoint loyalty-tables backup [--out DIR] [--json] [--data DIR]
tillpoint loyalty-tables list [--json] [--data DIR]
  backup: Backup Loyalty tables (Utilities > Data): the current loyalty rows, each debtor's five
  balances, each till's loyalty sales and the upload records, into --out (a new or empty folder)
  or backups/loyalty-YYYYMMDD-HHMMSS (store time), with manifest.json (a sha256 per file) written
  last. JSON: dir, manifest. list: every backup with its time and whether it still holds exactly
  the current data (the only kind Delete Loyalty tables accepts). JSON: dir, takenAt, epochId,
  matchesCurrent. Deleting the tables is done on the Delete Loyalty tables screen.`,
  backup: `tillpoint backup [--to DIR] [--json] [--data DIR]
  A consistent copy of the whole store, taken while tills go on selling: each journal up to its last
  complete record at that instant; the documents, open sales, outbox, uploads and jobs under the
  store lock; the archive and slips. Into --to (a new or empty folder; --out also works) or
  backups/store-YYYYMMDD-HHMMSS (store time), with manifest.json (kind store, each file's bytes and
  sha256, each journal's mark) written last. Left out: backups/, locks/, logs/ and derived files the
  store rebuilds (journal index snapshots, the books' snapshot). The folder is owner-only (0700,
  files 0600): settings.json holds secrets. JSON: dir, manifest.`,
  restore: `tillpoint restore BACKUP [--json] [--data DIR]
  Restores what the backup's manifest says it holds, after checking every file's checksum (nothing
  changes when a check fails; the bad file is named).
  A whole-store backup (tillpoint backup) replaces the store folder --data (a store of the same
  store id, or a missing or empty folder). Refused while a till or session holds a lock on that
  store (the holder's pid is named). The restored store is built beside it, then swapped in by
  renaming; the store it replaces is kept as DIR.before-restore-YYYYMMDD-HHMMSS and its backups/
  move into the restored store. JSON: kind, dir, replacedBy, storeId, takenAt, journals, files.
  A Loyalty tables backup (Utilities > Data > Backup Loyalty tables, or the archive Delete Loyalty
  tables leaves) must be of this store: its loyalty epoch becomes current again, so the loyalty
  rows, balances and per-till loyalty sales are those of the backup (plus anything sold since), the
  write-offs of the deletes since are reversed on the ledger, and upload records it has that the
  store lost are added back. A backup of the tables already current is refused. JSON: kind,
  document, epochId, reversed (cents), reverses, uploadsRestored.
  A kind this tillpoint does not know is refused.`,
  refund: `tillpoint refund SALE [--line N[xQTY]]... [--tender T] [--till ID] [--operator CODE] [--json]
  Returns lines of sale SALE (numbered from 1 as on the slip); no --line returns all that is left.
  Paid back on tender T (default: the cash tender). With --operator, a refund needs a supervisor
  or manager (a cashier is refused, exit 1).`,
  operator: `tillpoint operator list [--json]
tillpoint operator add CODE --name NAME --role cashier|supervisor|manager
tillpoint operator edit CODE [--name NAME] [--role ROLE] [--active|--inactive] [--new-pin]
tillpoint operator unlock CODE
  Operators of the tills (also Utilities > Setup > Operators). Once an active operator exists the
  till asks for one before selling. The first operator must be a manager, and one active manager
  must remain. A new PIN (4-8 digits) comes from TILLPOINT_NEW_PIN, or is typed twice on the
  terminal; only its salted hash is kept. unlock clears a lockout after five wrong PINs.
  Changing operators needs a manager with --operator, or no --operator (the system operator).`,
  bench: `tillpoint bench commit --data SCRATCH [--till ID] [--samples N] [--json]
  Rings up N sales (default 200) of three demo items on a scratch store and times each commit:
  the journal write and fsync, the slip files and clearing the open sale. It records real sales in
  that store: never point it at a live store. With --debtor CODE every sale has that debtor.
tillpoint bench read|accrue|enquiry --data SCRATCH [--debtor CODE] [--samples N]
  read: reads every journal record (the baseline); accrue: one Accrue Loyalties run; enquiry:
  times N Loyalty Enquiries of the debtor. Each prints its time and the process's peak memory.`,
  report: `tillpoint report NAME [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--csv|--json] [--data DIR]
tillpoint report audit [--from --to] [--by CODE] [--kind K[,K...]] [--csv|--json]
tillpoint report slip SALE [40|80] [--json] [--data DIR]
  The Reports menu's reports; nothing in the store changes. Reports:
    loyalty-sales    sales and refunds with a loyalty debtor or Loyalty Plus member, per till
    accrual-history  Accrue Loyalties runs: when, debtors, posted, journal credited, zeroed
    uploads          Loyalty Plus upload batches: till, journal range, rows, file, state, how
    outbox           Loyalty Plus calls waiting to be sent and refused for good (now)
    trial-balance    every ledger account: debit, credit and balance (now)
    sales-by-item    quantity and value sold, refunded and net per item
    sales-by-hour    sales, refunds and net value per hour of day, with a bar chart
    audit            the audit trail: overrides, refunds, voids, payouts, adjustments, setup
                     changes (old and new values; secrets only as changed), logins, failed PINs.
                     --by CODE: who acted or approved; --kind: one or more of login,
                     logout, lock, failed-pin, locked-out, unlock, override, void-line, void-sale,
                     refund, payout, adjustment, setup, cash-up, loyalty-tables, outbox-retry (an
                     unknown kind is a usage error, exit 2). Damaged lines are counted in a warning.
    slip             the slip of sale or refund SALE as printed, marked REPRINT (40 or 80 columns)
  --from/--to: dates of the store's time zone, both inclusive. loyalty-sales, sales-by-item,
  sales-by-hour and audit cover today unless given; accrual-history and uploads (by when planned)
  cover everything unless given; outbox and trial-balance show now and take no dates. --from
  alone runs to today, --to alone is that one day. A bad date is a usage error (exit 2); so is an unknown
  report. A sale number not in the journals is refused (exit 1).
  Output: an aligned table with the title and period (totals and, for sales-by-hour, a bar of
  40 columns at most); --csv: a header of the JSON field names, then one line a row; --json: an
  array of rows. Money in CSV and JSON is a decimal string in the store's currency decimals
  without symbol ("19.99"); counts are numbers. Refunds are positive in their own columns and
  subtracted in net ones. slip --json: number, kind, width, source (file: the slip as printed;
  journal: rendered again, its file gone), text.`,
  sales: `tillpoint sales [--json]
  Lists every sale and refund of every till.`,
};

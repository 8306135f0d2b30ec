// F7 Loyalty (attach a Loyalty Plus member by card or account number, or detach the one attached)
// and F8 Balance Enquiry when no member is attached (it asks for the number first). Both wait on
// the service through ctx.wait: spinner in the status line, Esc stops waiting.
import { useSyncExternalStore, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { LoyaltyPlusError } from '../../integrations/loyaltyplus/types.js';
import type { EntryBuffer } from '../input/entry-buffer.js';
import { EntryField } from '../input/entry-field.js';
import { useEntryField } from '../input/use-entry-field.js';
import { matches } from '../keys/bindings.js';
import { useKeyHandler } from '../keys/dispatcher.js';
import { useContentSize } from '../shell/terminal-size.js';
import { useTheme } from '../theme.js';
import { money } from './format.js';
import { maskedCard, memberSummary, pointsText } from './lp-status.js';
import { errorText, LP_NOT_PROVIDER, type PosContext } from './pos-context.js';

export const LOOKING_UP = 'Looking up member…';
export const BALANCE_OFFLINE = 'Loyalty Plus is offline: balance unavailable';
const NUMBER_LABEL = 'Card or account number:';

/** The service could not be asked (marked offline, or not reached): not an answer about the member. */
export function unreachable(err: unknown): boolean {
  if (!(err instanceof LoyaltyPlusError)) return false;
  const k = err.kind;
  return k === 'offline' || k === 'name-lookup' || k === 'connect' || k === 'tls' || k === 'timeout' || (k === 'http-status' && (err.status ?? 0) >= 500);
}

/** F8: the points of the number given, or of the member attached; the answer goes to the status line. */
export function enquire(ctx: PosContext, number: string | undefined, done: () => void = () => {}): void {
  const { lp, wait, say, fmt, till } = ctx;
  if (!lp) return say(LP_NOT_PROVIDER, 'error');
  wait.run('Asking Loyalty Plus for the balance…', (signal) => lp.balance(number, { signal }), (o) => {
    if (o.ok) {
      const m = o.value;
      // Back to the sale first: a new panel starts with no message.
      done();
      say(`${m.name} (account ${m.account}): ${pointsText(m.points)} points, worth ${money(m.pointsValue, fmt)}`, 'success');
    } else if (o.cancelled) say('Cancelled');
    else if (unreachable(o.error)) {
      say(till.getState().sale?.member ? `${BALANCE_OFFLINE}; the card stays attached` : `${BALANCE_OFFLINE}: try again when it is back`, 'error');
    } else say(errorText(o.error), 'error');
  });
}

export interface MemberPanelProps {
  ctx: PosContext;
  buffer: EntryBuffer;
  purpose: 'attach' | 'balance';
}

export function MemberPanel({ ctx, buffer, purpose }: MemberPanelProps): ReactNode {
  const { rows, columns } = useContentSize();
  const theme = useTheme();
  const { till, view, say, lp, wait } = ctx;
  const state = useSyncExternalStore(till.subscribe, till.getState);
  const member = state.sale?.member;
  const toSale = (): void => {
    buffer.clear();
    view.dispatch({ type: 'open', mode: 'sale' });
  };

  const attach = (number: string): void => {
    if (!lp) return say(LP_NOT_PROVIDER, 'error');
    wait.run(LOOKING_UP, (signal) => lp.attach(number, { signal }), (o) => {
      if (o.ok) {
        toSale();
        const m = o.value.member;
        if (o.value.offline) say(`Loyalty Plus is offline: card ${maskedCard(m.number)} attached, points pending (the earn is queued)`, 'info');
        else say(memberSummary(m).replace(/^Loyalty Plus: /, 'Attached '), 'success');
      } else if (o.cancelled) say('Cancelled');
      // Unknown account, refused: nothing attached, the number stays for correcting.
      else say(errorText(o.error), 'error');
    });
  };

  const detach = (): void => {
    try {
      lp?.detach();
      toSale();
      say('Loyalty Plus member detached');
    } catch (err) {
      say(errorText(err), 'error');
    }
  };

  useKeyHandler((key) => {
    if (!matches(key, 'back')) return false;
    toSale();
    say('Cancelled');
    return true;
  }, { layer: 'screen' });

  useEntryField(buffer, {
    maxLength: 64,
    filter: (ch) => /[A-Za-z0-9-]/.test(ch),
    onSubmit(value) {
      const number = value.trim();
      if (purpose === 'balance') {
        if (number === '') return say(`${NUMBER_LABEL.slice(0, -1)}: type or scan one to see its points`, 'error');
        return enquire(ctx, number, toSale);
      }
      if (number !== '') return attach(number);
      if (till.getState().sale?.member) return detach();
      say(`${NUMBER_LABEL.slice(0, -1)}: type or scan one (Esc returns to the sale)`, 'error');
    },
  });

  const help = purpose === 'balance'
    ? 'Type or scan the card or account number, Enter shows its points; Esc returns'
    : member
      ? 'A new number replaces the member; Enter on an empty number detaches; Esc returns'
      : 'Type or scan the card or account number and press Enter; Esc returns';
  return (
    <Box flexDirection="column" height={rows} width={columns} overflow="hidden">
      <Text bold wrap="truncate">{purpose === 'balance' ? 'Balance enquiry: no member is attached' : 'Loyalty Plus member'}</Text>
      <Text> </Text>
      {member ? <Text wrap="truncate">{`Attached: ${memberSummary(member).replace(/^Loyalty Plus: /, '')}`}</Text> : null}
      <Box height={1} overflow="hidden">
        <EntryField buffer={buffer} label={NUMBER_LABEL} width={Math.min(40, columns - NUMBER_LABEL.length - 2)} />
      </Box>
      <Text color={theme.colors.muted} wrap="truncate">{help}</Text>
    </Box>
  );
}

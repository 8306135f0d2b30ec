// The Loyalty Plus web service, exactly as the till reaches it: the real client with the saved
// settings signs one member lookup. An unknown account is still a success here: the service only
// looks an account up after it has accepted the signature. The client's messages are built from
// its own words and the host only (failure.ts), never from the secrets.
import { loadClient } from '../integrations/loyaltyplus/load-client.js';
import { LoyaltyPlusError } from '../integrations/loyaltyplus/types.js';
import { errorText } from '../store/errors.js';
import { loyaltyPlusSettingsOf, toClientConfig } from '../store/loyalty-plus-settings.js';
import { fail, ok, warning, type DoctorCheck, type Finding } from './types.js';

/** Looked up when setup never ran a Test (whose account is used otherwise). */
export const PROBE_ACCOUNT = 'doctor-probe';

const SETUP = 'Utilities > Setup > Module Parameters > Web Services';

function fixFor(e: LoyaltyPlusError): string {
  switch (e.kind) {
    case 'name-lookup': return `check the URL in ${SETUP} and this PC's DNS (getent hosts HOST)`;
    case 'connect': return `check the URL and Port in ${SETUP}, the network and firewall, and that the Loyalty Plus service is up`;
    case 'tls': return `check SSL Version and the CA file in ${SETUP}`;
    case 'timeout': return `check the network; if the service is only slow, raise Timeout seconds in ${SETUP}`;
    case 'signature':
      if (e.code === 'STALE_TIMESTAMP') return 'set this PC\'s date, time and time zone (see the clock check), then run doctor again';
      if (e.code === 'UNKNOWN_PARTNER') return `check Partner ID, Terminal ID and API ID in ${SETUP} against what Loyalty Plus issued`;
      return `re-enter Secret Start and Secret End in ${SETUP} exactly as Loyalty Plus issued them`;
    case 'http-status': return `the service answered with an error status: ask Loyalty Plus whether it is up; check the URL points at it`;
    case 'bad-response': return `the URL or Port in ${SETUP} points at something that is not the Loyalty Plus service`;
    default: return `test it in ${SETUP} (F8) for the details`;
  }
}

export const webServiceCheck: DoctorCheck = {
  id: 'web-service',
  title: 'Loyalty Plus web service',
  async run(ctx): Promise<Finding> {
    const settings = ctx.documents.settings();
    if (!settings) return warning('not checked: settings.json cannot be read', 'fix settings.json first (documents check)');
    const lp = loyaltyPlusSettingsOf(settings);
    const isProvider = settings.defaults2.loyaltyProvider === 'loyalty-plus';
    if (!lp.enabled || lp.url === '') {
      if (isProvider) return warning('Loyalty Plus is the loyalty provider, but its web service is not enabled: earn and refund calls only wait in the outbox', `enable and fill in the web service in ${SETUP}`);
      return ok('not set up (nothing to check)');
    }
    const account = lp.testResults.at(-1)?.account || PROBE_ACCOUNT;
    const where = `${lp.url}:${lp.port}`;
    const note = isProvider ? '' : ' (Loyalty Plus is not the loyalty provider yet)';
    const { createLoyaltyPlusClient } = await loadClient();
    // The client's own deadline (Timeout seconds) bounds the call.
    const client = createLoyaltyPlusClient(toClientConfig(lp), { now: ctx.now });
    try {
      await client.lookup(account);
      return ok(`${where} answered a signed member lookup${note}`);
    } catch (err) {
      if (err instanceof LoyaltyPlusError) {
        if (err.kind === 'unknown-account' || err.kind === 'refused') return ok(`${where} accepted a signed member lookup (the account looked up is not a member)${note}`);
        return fail(`${err.message} [${err.kind}]${note}`, fixFor(err));
      }
      return fail(`the member lookup at ${where} failed unexpectedly: ${errorText(err)}`, `test it in ${SETUP} (F8) for the details`);
    } finally {
      await client.close().catch(() => undefined);
    }
  },
};

// What the FTP server Test says: the step where it failed (the transport's SftpFailureKind) and
// what to check, or that the probe file went through. Pure, so every kind's words are tested
// without a server.
import type { SftpFailureKind, SftpServer, SftpTestAnswer } from '../../../integrations/sftp/types.js';
import type { SftpTestResult } from '../../../store/uploads-settings.js';
import { scrubSecrets } from './loyalty-plus-test-text.js';

/** The signature of the transport's testAccount (src/integrations/sftp/index.ts). */
export type TestAccount = (server: SftpServer, uploadPath: string) => Promise<SftpTestAnswer>;

/** Each step's name and the fields to look at, in the order a Test goes through them. */
export const SFTP_FAILURE_STEPS: Readonly<Record<SftpFailureKind, { step: string; hint: string }>> = {
  'name-lookup': { step: 'name lookup', hint: 'the Host name does not resolve (DNS): check Host' },
  'connect': { step: 'connect', hint: 'nothing accepted the connection: check Host, Port and that the firewall lets port 22 out' },
  'timeout': { step: 'timeout', hint: 'the server did not answer in time: check Host, Port and the network' },
  'host-key-unknown': { step: 'host key unknown', hint: 'no host key is accepted for this server yet' },
  'host-key-changed': { step: 'host key changed', hint: 'the server showed a different host key from the one accepted' },
  'auth': { step: 'login', hint: 'the server refused the login: check Username and Password (or Private key file)' },
  'key-file': { step: 'private key file', hint: 'the Private key file cannot be read or is not an OpenSSH private key without a passphrase' },
  'path-missing': { step: 'upload path missing', hint: 'the Upload Path does not exist on the server: check Upload Path on FTP Setup' },
  'permission': { step: 'permission denied', hint: 'the server does not let this Username write in the Upload Path' },
  'transfer': { step: 'transfer', hint: 'writing or removing the probe file failed part way: Test again, then ask the server\'s administrator' },
};

export interface SftpOutcomeText {
  ok: boolean;
  /** One line for the status line, e.g. "Test failed at: login". */
  headline: string;
  /** What to check, and the transport's message (secrets removed). */
  details: string[];
}

const secretsOf = (server: SftpServer): string[] => [server.password];

export function sftpOutcomeText(answer: SftpTestAnswer, server: SftpServer, uploadPath: string): SftpOutcomeText {
  if (answer.ok) {
    return {
      ok: true,
      headline: 'Test: Successful',
      details: [`Logged in to ${server.host}:${server.port} as ${server.username}, wrote and removed a probe file in ${uploadPath}`],
    };
  }
  const step = SFTP_FAILURE_STEPS[answer.kind];
  if (answer.kind === 'host-key-changed') {
    // Our own words only, each line short enough for 80 columns: this must be read, not skimmed.
    return {
      ok: false,
      headline: `Test failed at: ${step.step}`,
      details: [
        'WARNING: this server now shows a different host key from the one accepted.',
        'Someone may be intercepting the connection: do not go on unless the',
        "server's administrator confirms the new key.",
        `New fingerprint: ${answer.fingerprint ?? '(not given)'}`,
        `Accepted before: ${server.hostKey === '' ? '(none)' : server.hostKey}`,
        'To accept a confirmed new key: Esc, set Forget host key to Yes, Test again.',
      ],
    };
  }
  const details = [step.hint, scrubSecrets(answer.message, secretsOf(server))];
  return { ok: false, headline: `Test failed at: ${step.step}`, details };
}

/** A Test that could not run at all (an error the transport does not classify). */
export function sftpBrokenText(e: unknown, server: SftpServer): SftpOutcomeText {
  const message = e instanceof Error ? e.message : String(e);
  return { ok: false, headline: 'Test could not run', details: [scrubSecrets(message, secretsOf(server))] };
}

/** What settings.json keeps of a Test: the account, the outcome and its kind, never the login. */
export function sftpTestRecord(answer: SftpTestAnswer | null, account: string, at: Date): SftpTestResult {
  if (answer === null) return { at: at.toISOString(), ok: false, account };
  return answer.ok ? { at: at.toISOString(), ok: true, account } : { at: at.toISOString(), ok: false, kind: answer.kind, account };
}

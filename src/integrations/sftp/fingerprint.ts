// Host key fingerprints as OpenSSH prints them, so the operator can compare what the screen shows
// with `ssh-keygen -lf` output or what the provider sends.
import { createHash } from 'node:crypto';

/** "SHA256:" + unpadded base64 of sha256 over the raw public key blob, as `ssh-keygen -lf` prints it. */
export function fingerprintOf(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** An accepted key pasted with padding or spaces around it still matches. */
export function hostKeyMatches(accepted: string, seen: string): boolean {
  return accepted.trim().replace(/=+$/, '') === seen;
}

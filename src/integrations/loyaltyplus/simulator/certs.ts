// A throwaway CA and a server certificate it signs, made fresh at every start, so the client is
// tested the way it runs in a store: verifying the server against a configured CA file, never with
// verification switched off.
import selfsigned from 'selfsigned';

export interface SimulatorCertificates {
  /** The CA certificate clients trust (setup's CA file). */
  caPem: string;
  /** The server's certificate and key, for node:https. */
  cert: string;
  key: string;
}

const HOUR_MS = 3_600_000;

export async function makeCertificates(): Promise<SimulatorCertificates> {
  // Certificates are checked against the client's real clock, so the simulator's `now` option
  // (a test clock) must not be used here; the hour of slack covers a store PC whose clock is a
  // little behind.
  const notBeforeDate = new Date(Date.now() - HOUR_MS);
  const notAfterDate = new Date(Date.now() + 30 * 24 * HOUR_MS);
  const common = { keyType: 'ec', curve: 'P-256', algorithm: 'sha256', notBeforeDate, notAfterDate } as const;
  const ca = await selfsigned.generate([{ name: 'commonName', value: 'tillpoint Loyalty Plus simulator CA' }], {
    ...common,
    extensions: [
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    ...common,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  return { caPem: ca.cert, cert: server.cert, key: server.private };
}

// The SFTP transport: what load-sftp.ts loads, and bundled on its own as dist/sftp.js so that
// ssh2 loads only when a Test or an upload needs it.
export { fingerprintOf } from './fingerprint.js';
export { openSession } from './session.js';
export { testAccount } from './test-account.js';
export { SftpError } from './types.js';
export type { RemoteStat, SftpFailureKind, SftpOptions, SftpServer, SftpSession, SftpStep, SftpTestAnswer } from './types.js';

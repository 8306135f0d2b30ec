// The FTP Setup screen's Test: connect, host key, login, then prove the upload folder exists and
// takes a file the way an upload does (temporary name, rename). Expected failures come back as answers, never as throws.
import { randomBytes } from 'node:crypto';
import { uploadPathProblem } from '../../store/uploads-settings.js';
import { openSession } from './session.js';
import { SftpError, type SftpOptions, type SftpServer, type SftpSession, type SftpTestAnswer } from './types.js';

function answerOf(err: unknown, fingerprint: string): SftpTestAnswer {
  if (!(err instanceof SftpError)) throw err;
  const fp = err.fingerprint ?? (fingerprint || undefined);
  return { ok: false, kind: err.kind, step: err.step, message: err.message, ...(fp ? { fingerprint: fp } : {}) };
}

export async function testAccount(server: SftpServer, uploadPath: string, opts: SftpOptions = {}): Promise<SftpTestAnswer> {
  const problem = uploadPathProblem(uploadPath);
  if (problem) {
    return { ok: false, kind: 'path-missing', step: 'upload-path', message: `SFTP ${server.host}:${server.port}: Upload Path "${uploadPath}": ${problem}` };
  }
  let session: SftpSession;
  try {
    session = await openSession(server, opts);
  } catch (err) {
    return answerOf(err, '');
  }
  try {
    if (!(await session.isFolder(uploadPath))) {
      return {
        ok: false, kind: 'path-missing', step: 'upload-path', fingerprint: session.fingerprint,
        message: `SFTP ${server.host}:${server.port}: the Upload Path ${uploadPath} is not an existing folder on the server (step upload-path)`,
      };
    }
    // The very steps of an upload: put under a temporary name, rename into place, then tidy up.
    const probe = `${uploadPath.replace(/\/+$/, '')}/.tillpoint-probe-${randomBytes(6).toString('hex')}`;
    await session.put(Buffer.from('tillpoint upload test; safe to delete\n'), `${probe}.part`);
    try {
      await session.rename(`${probe}.part`, probe);
    } catch (err) {
      await session.remove(`${probe}.part`).catch(() => undefined);
      throw err;
    }
    await session.remove(probe);
    return { ok: true, fingerprint: session.fingerprint };
  } catch (err) {
    return answerOf(err, session.fingerprint);
  } finally {
    await session.end();
  }
}

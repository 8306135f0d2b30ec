// The parts of ssh2-sftp-client 12 and ssh2 1.x that the transport uses; neither ships types and
// the project keeps no @types for them.
declare module 'ssh2-sftp-client' {
  import type { EventEmitter } from 'node:events';

  namespace SftpClient {
    interface ConnectConfig {
      host: string;
      port: number;
      username: string;
      password?: string;
      privateKey?: Buffer;
      readyTimeout?: number;
      keepaliveInterval?: number;
      keepaliveCountMax?: number;
      /** With hostHash unset, ssh2 hands over the raw public key blob. */
      hostVerifier?: (key: Buffer) => boolean;
      tryKeyboard?: boolean;
    }
    interface FileStats {
      size: number;
      isDirectory: boolean;
      isFile: boolean;
    }
    /** The ssh2 Client underneath. */
    interface RawClient extends EventEmitter {
      end(): void;
      destroy(): void;
    }
    interface Callbacks {
      error?: (err: Error) => void;
      end?: () => void;
      close?: () => void;
    }
  }

  class SftpClient {
    constructor(name?: string, callbacks?: SftpClient.Callbacks);
    client: SftpClient.RawClient;
    /** Prepends the listener on the ssh2 Client, so it sees raw errors before the wrapping. */
    on(event: 'error', cb: (err: Error & { code?: unknown; level?: string }) => void): void;
    on(event: 'close' | 'end', cb: () => void): void;
    connect(config: SftpClient.ConnectConfig): Promise<unknown>;
    stat(remotePath: string): Promise<SftpClient.FileStats>;
    put(data: Buffer, remotePath: string): Promise<string>;
    posixRename(from: string, to: string): Promise<string>;
    delete(remotePath: string): Promise<string>;
    get(remotePath: string): Promise<Buffer>;
    end(): Promise<boolean>;
  }
  export = SftpClient;
}

declare module 'ssh2' {
  const ssh2: {
    utils: {
      /** An Error when the data is not a usable key (or is encrypted and no passphrase is given). */
      parseKey(data: Buffer, passphrase?: string): unknown;
    };
  };
  export = ssh2;
}

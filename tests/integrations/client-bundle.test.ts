// The client is its own bundle (dist/loyalty-plus.js, loaded on first use), so the errors it makes
// come from a second copy of LoyaltyPlusError: the till's bundle must still recognise them.
import { describe, expect, it } from 'vitest';
import { LoyaltyPlusError } from '../../src/integrations/loyaltyplus/types.js';

describe('errors across bundles', () => {
  it('an error made by the client bundle (dist/loyalty-plus.js) is a LoyaltyPlusError to the till bundle', async () => {
    const { execFileSync } = await import('node:child_process');
    execFileSync(process.execPath, ['scripts/ensure.mjs']);
    const dist = await import(`${process.cwd()}/dist/loyalty-plus.js`);
    const client = dist.createLoyaltyPlusClient({ url: 'https://127.0.0.1', port: 1, secretStart: 'a', secretEnd: 'b', partnerId: 'p', terminalId: 't', apiId: 'x', timeoutSeconds: 1, tls: 'TLSv1.2', caFile: '' });
    const err = await client.lookup('1').catch((e: unknown) => e);
    await client.close();
    expect(err).toBeInstanceOf(LoyaltyPlusError);
    expect((err as LoyaltyPlusError).kind).toBe('connect');
  });
});

// Outside Node (the `default` condition of `#http-transport`) the client sends with the runtime's
// own fetch, looked up when the client is created.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDokuClient } from '../src/index.js';
import { pem } from './vectors.js';
import { CLIENT_ID, SECRET, setup } from './support/setup.js';

vi.mock('#http-transport', () => import('../src/client/transport-web.js'));

const options = { baseUrl: 'http://doku.test', clientId: CLIENT_ID, secretKey: SECRET };

describe('default transport outside Node', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("sends with the runtime's fetch, called with no `this` of ours", async () => {
    const { fake } = setup();
    const calls: unknown[] = [];
    vi.stubGlobal('fetch', function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      calls.push(this);
      return fake.fetch(input, init);
    });
    const client = createDokuClient({ ...options, privateKeyPem: pem('merchant-private.pem') });
    const token = await client.getB2bToken();
    expect(token.accessToken).toMatch(/^tok-1-/);
    expect(calls).toEqual([globalThis]);
    expect(fake.state.failures).toEqual([]);
  });

  it('refuses to create a client in a runtime without fetch', () => {
    vi.stubGlobal('fetch', undefined);
    expect(() => createDokuClient({ ...options, privateKeyPem: pem('merchant-private.pem') })).toThrow(
      'no fetch available',
    );
  });
});

// The standalone server with no credentials: the offline sandbox in-process, PORT=0 bound to a free
// port that the default publicUrl names, and a KKI payment over real HTTP (H2H, from
// KKI_INTEGRATION / KKI_PCI_DSS) whose issuer-app page a browser can open at the BFF's origin.
import { kkiTestCpan } from '@kki-kit/doku-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBffServer } from '../src/server.js';
import { createCustomerToken } from '../src/session-token.js';
import { newKey, newOtt } from './kki-setup.js';

const SESSION_SECRET = 'session-secret-for-the-standalone-test-0123456789';

describe('standalone server, offline', () => {
  let running: Awaited<ReturnType<typeof startBffServer>>;
  beforeAll(async () => {
    // The KKI payment below is host-to-host: the server runs as a PCI DSS merchant.
    running = await startBffServer({
      PORT: '0',
      KKI_SESSION_SECRET: SESSION_SECRET,
      KKI_INTEGRATION: 'h2h',
      KKI_PCI_DSS: 'true',
    });
  }, 60_000);
  afterAll(() => running.close());

  it('names the bound port in its public URL', () => {
    const port = Number(new URL(running.url).port);
    expect(port).toBeGreaterThan(0);
    expect(running.bff.config.publicUrl.port).toBe(String(port));
    expect(running.bff.config.doku.environment).toBe('offline');
  });

  it('pays over HTTP and serves the issuer-app page at its own origin', async () => {
    const order = await running.bff.merchant.createOrder({ customerId: 'web', amount: 45_000 });
    const token = await createCustomerToken(SESSION_SECRET, 'web');
    const res = await fetch(`${running.url}/kki/payments`, {
      method: 'POST',
      body: JSON.stringify({
        orderId: order.id,
        source: { type: 'card', cpan: kkiTestCpan('bri', undefined, 90), ott: newOtt() },
      }),
      headers: {
        authorization: `Bearer ${token}`,
        origin: running.url,
        'x-kki-request': '1',
        'content-type': 'application/json',
        'idempotency-key': newKey(),
      },
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.nextAction.url.startsWith(`${running.url}/__doku/`)).toBe(true);
    const page = await fetch(body.nextAction.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form');
  });
});

// The Cards module inside the whole sandbox (createSandbox): mounted routes, control API under
// /__sandbox/cards, the shared ledger, faults on Cards endpoint keys, reset.
import { createDokuClient } from '@kki-kit/doku';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../src/app.js';
import { SANDBOX_MERCHANT_PRIVATE_KEY } from '../src/test-keys.js';
import { testCard } from '../src/test-values/cards.js';
import { EXPIRY, type Json, MERCHANT_NOTIFY_URL, pageRequest } from './cards-support.js';
import { createMerchant } from './notify-support.js';

function whole(control = true) {
  const merchant = createMerchant();
  const sandbox = createSandbox({
    control,
    nonSnapNotificationUrl: MERCHANT_NOTIFY_URL,
    fetch: merchant.fetch,
  });
  const fetchSandbox = ((input: RequestInfo | URL, init?: RequestInit) =>
    sandbox.app.fetch(new Request(input, init))) as typeof fetch;
  const client = createDokuClient({
    baseUrl: 'http://127.0.0.1:4010',
    clientId: sandbox.config.clientId,
    secretKey: sandbox.config.secretKey,
    privateKeyPem: SANDBOX_MERCHANT_PRIVATE_KEY,
    fetch: fetchSandbox,
    now: () => sandbox.clock.nowMs(),
    retries: 0,
  });
  const json = async (path: string, init?: RequestInit) => {
    const res = await fetchSandbox(`http://127.0.0.1:4010${path}`, init);
    return { status: res.status, body: (await res.json()) as Json };
  };
  return { merchant, sandbox, client, json };
}

describe('Cards in createSandbox', () => {
  it('pays a page end to end and shows it in GET /__sandbox/ledger under cards', async () => {
    const { sandbox, client, json, merchant } = whole();
    const req = pageRequest();
    const page = await client.createPaymentPage(req);
    const url = new URL(page.data.credit_card_payment_page.url);
    expect(url.origin).toBe('http://127.0.0.1:4010');
    const ref = url.searchParams.get('requestId');
    const paid = await json(`/__sandbox/cards/pages/${ref}/pay`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        card_number: testCard('jcb-approve').number,
        expiry: EXPIRY,
        cvv: '123',
        name: 'A B',
      }),
    });
    expect(paid.body.result).toBe('completed');
    await sandbox.notifier.idle();
    expect(merchant.notifications).toHaveLength(1);
    const ledger = await json('/__sandbox/ledger');
    expect(ledger.body.cards.orders).toMatchObject([
      {
        invoiceNumber: req.order.invoice_number,
        status: 'SUCCESS',
        card: { masked: '356999******5841', brand: 'JCB' },
      },
    ]);
    expect(JSON.stringify(ledger.body)).not.toContain(testCard('jcb-approve').number);
    expect(ledger.body.notifications.some((n: Json) => n.topic === 'cards.payment' && n.status === 200)).toBe(
      true,
    );
    const status = await client.orderStatus(req.order.invoice_number);
    expect(status.data.transaction.status).toBe('SUCCESS');
  });

  it('applies faults configured for Cards endpoint keys', async () => {
    const { sandbox, client } = whole();
    sandbox.faults.addRules([{ endpoint: 'cards.paymentPage', kind: 'error5xx', times: 1 }]);
    await expect(client.createPaymentPage(pageRequest())).rejects.toMatchObject({ httpStatus: 500 });
    expect((await client.createPaymentPage(pageRequest())).httpStatus).toBe(200);
    expect(sandbox.faults.fired().map((f) => f.endpoint)).toEqual(['cards.paymentPage']);
  });

  it('keeps the Cards control routes off without control, and reset() forgets Cards state', async () => {
    const off = whole(false);
    expect((await off.json('/__sandbox/cards/test-cards').catch(() => ({ status: 404 }))).status).toBe(404);
    const on = whole();
    await on.client.createPaymentPage(pageRequest());
    expect((await on.json('/__sandbox/ledger')).body.cards.pages).toHaveLength(1);
    await on.json('/__sandbox/reset', { method: 'POST' });
    expect((await on.json('/__sandbox/ledger')).body.cards.pages).toHaveLength(0);
  });
});

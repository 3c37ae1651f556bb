// Components against the real BFF in-process (createKkiBff + its PGlite store), no mocks: requests go
// through the BFF's own CSRF/origin checks, customer scoping, schemas and error bodies.
//
// These are the store-backed reads and refusals; every DOKU flow (payments, bindings, removal, card
// page, refunds) completes through the components in real-flows.test.tsx beside this file.
import { createKkiBff, type KkiBff } from '@kki-kit/bff';
import { createKkiClient, KkiRequestError } from '@kki-kit/client';
import { getErrorCopy } from '@kki-kit/contract';
import { screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KkiPayButton } from '../../src/KkiPayButton/KkiPayButton.js';
import { RefundForm } from '../../src/RefundForm/RefundForm.js';
import { SavedCardsList } from '../../src/SavedCardsList/SavedCardsList.js';
import { expectNoAxeViolations } from '../axe.js';
import { renderWithClient } from './provider.js';

const ORIGIN = 'http://shop.test';
let bff: KkiBff;
let refundsAllowed = true;

beforeAll(async () => {
  bff = await createKkiBff({
    publicUrl: `${ORIGIN}/api/kki`,
    kki: { integration: 'h2h', pciDss: true },
    authenticate: (c) => c.req.header('x-test-customer') ?? null,
    authorizeRefund: () => refundsAllowed,
    logger: () => {},
    reconciliation: { enabled: false },
  } as Parameters<typeof createKkiBff>[0]);
}, 60_000);
afterAll(async () => {
  await bff?.close();
});

/** The kit's client whose fetch reaches `app` (default: the BFF) as the shop's page would. */
function clientOf(customer: string, app: KkiBff = bff) {
  return createKkiClient({
    baseUrl: `${ORIGIN}/api/kki`,
    headers: { 'x-test-customer': customer },
    fetch: async (input, init) => {
      const url = new URL(String(input));
      const headers = new Headers(init?.headers);
      headers.set('origin', ORIGIN); // a browser adds it; jsdom's fetch stand-in does not
      const { signal: _signal, ...rest } = init ?? {};
      return app.app.fetch(
        new Request(`${ORIGIN}${url.pathname.replace(/^\/api\/kki/, '')}${url.search}`, { ...rest, headers }),
      );
    },
  });
}

/** The browser side: `ui` in a provider whose client reaches `app` (default: the BFF). */
function renderAgainstBff(ui: ReactElement, customer: string, app: KkiBff = bff) {
  return renderWithClient(ui, clientOf(customer, app));
}

describe('against the real BFF', () => {
  it('KkiPayButton shows the amount of the order the merchant created server-side', async () => {
    const order = await bff.merchant.createOrder({
      customerId: 'cust_a',
      amount: 275_000,
      description: 'Sepatu',
    });
    const { container } = renderAgainstBff(
      <KkiPayButton orderId={order.id} showSavedCards={false} />,
      'cust_a',
    );
    expect(await screen.findByRole('button', { name: 'Bayar Rp 275.000' })).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it("another customer's order is refused by the BFF and shown as an error, not a pay button", async () => {
    const order = await bff.merchant.createOrder({ customerId: 'cust_a', amount: 10_000 });
    renderAgainstBff(<KkiPayButton orderId={order.id} showSavedCards={false} />, 'cust_b');
    expect(await screen.findByRole('heading', { name: 'Pembayaran tidak berhasil' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Bayar/ })).not.toBeInTheDocument();
  });

  it("SavedCardsList lists the customer's own cards (masked, issuer), never another's", async () => {
    await bff.store.savedCards.create({
      customerId: 'cust_c',
      method: 'kki',
      token: 'tok-secret-1',
      maskedCpan: '936000******1234',
      issuer: 'bri',
      issuerName: 'BRI',
    });
    await bff.store.savedCards.create({
      customerId: 'cust_d',
      method: 'kki',
      token: 'tok-secret-2',
      maskedCpan: '936000******9999',
      issuer: 'mandiri',
      issuerName: 'Mandiri',
    });
    const { container } = renderAgainstBff(<SavedCardsList />, 'cust_c');
    const list = await screen.findByRole('list', { name: 'Kartu tersimpan' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(list).toHaveTextContent('BRI 936000******1234');
    expect(container.innerHTML).not.toContain('tok-secret');
    await expectNoAxeViolations(container);
  });

  it('RefundForm reads the refund history of a payment; refused when authorizeRefund says no', async () => {
    const order = await bff.merchant.createOrder({ customerId: 'cust_e', amount: 150_000 });
    const payment = await bff.store.payments.create({
      orderId: order.id,
      method: 'kki',
      kkiKind: 'single',
      partnerReferenceNo: `p${Date.now()}`,
      externalId: `e${Date.now()}`,
    });
    refundsAllowed = true;
    const first = renderAgainstBff(<RefundForm paymentId={payment.id} amount={150_000} />, 'staff_1');
    expect(await screen.findByText('Belum ada pengembalian dana.')).toBeInTheDocument();
    first.unmount();

    refundsAllowed = false;
    renderAgainstBff(<RefundForm paymentId={payment.id} amount={150_000} />, 'staff_1');
    expect(await screen.findByText(getErrorCopy('refund_not_authorized', 'id'))).toBeInTheDocument();
  });

  it("the BFF's copyOverrides reach the customer: in the component, and replayed refusals too", async () => {
    const wording = 'Pesanan ini tidak ada di toko kami.';
    const worded = await createKkiBff({
      publicUrl: `${ORIGIN}/api/kki`,
      kki: { integration: 'h2h', pciDss: true },
      authenticate: (c) => c.req.header('x-test-customer') ?? null,
      logger: () => {},
      reconciliation: { enabled: false },
      copyOverrides: { not_found: { id: wording } },
    });
    try {
      const order = await worded.merchant.createOrder({ customerId: 'cust_f', amount: 10_000 });
      renderAgainstBff(<KkiPayButton orderId={order.id} showSavedCards={false} />, 'cust_g', worded);
      expect(await screen.findByText(wording)).toBeInTheDocument();
      expect(screen.queryByText(getErrorCopy('not_found', 'id'))).not.toBeInTheDocument();

      // A refusal of an idempotent route is stored and replayed with the same wording.
      const client = clientOf('cust_g', worded);
      const pay = () =>
        client
          .request('createKkiPayment', {
            body: { orderId: order.id, source: { type: 'saved_card', cardId: 'card_test0001' } },
            idempotencyKey: 'key-copy-overrides-1',
            locale: 'id',
          })
          .catch((e: unknown) => e);
      for (const refusal of [await pay(), await pay()]) {
        expect(refusal).toBeInstanceOf(KkiRequestError);
        expect((refusal as KkiRequestError).error).toMatchObject({ code: 'not_found', message: wording });
      }
    } finally {
      await worded.close();
    }
  });
});

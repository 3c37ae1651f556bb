// Shared set-up of the Cards and refund tests: a real BFF (store, routes, security, the default
// service layer) on its offline in-process DOKU sandbox (control API on), mounted under /api/kki of a
// host app the way a merchant mounts it; the sandbox's notifications are delivered into the BFF.
import { Hono } from 'hono';
import { expect } from 'vitest';
import { createKkiBff, type KkiBff } from '../src/app.js';
import type { KkiBffOptions } from '../src/config.js';
import type { DokuConnection } from '../src/doku/connection.js';
import type { KkiLogLine } from '../src/log.js';
import { inProcessDeliveryEnv } from '../src/notifications/routes.js';

export const ORIGIN = 'https://shop.test';
export const MOUNT = '/api/kki';
export const CUSTOMER = 'cust-42';

/** The test cards of the sandbox used here. */
export const CARDS = {
  approved: '4111111111111111',
  mandiri: '5573381011111002',
  declined: '4000000000000002',
} as const;

export interface CardsHarness {
  bff: KkiBff;
  /** The merchant's app with the BFF under {@link MOUNT}. */
  host: Hono;
  doku: DokuConnection;
  lines: KkiLogLine[];
  /** A browser call to the BFF through the host app (CSRF headers, customer, idempotency key). */
  call(path: string, init?: RequestInit & { key?: string }): Promise<Response>;
  /** The sandbox control API. */
  control(path: string, body?: unknown): Promise<Response>;
  /**
   * A notification posted to the BFF as the in-process sandbox delivers it (an offline BFF refuses
   * notifications from the network).
   */
  notify(path: string, init: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startCards(extra: Partial<KkiBffOptions> = {}): Promise<CardsHarness> {
  const lines: KkiLogLine[] = [];
  const host = new Hono();
  // The default service layer (every flow) on the offline in-process sandbox, control API on.
  const bff = await createKkiBff({
    publicUrl: `${ORIGIN}${MOUNT}`,
    kki: { integration: 'h2h', pciDss: true },
    authenticate: (c) => c.req.header('x-test-customer') ?? CUSTOMER,
    authorizeRefund: (c) => c.req.header('x-test-staff') === 'yes',
    logger: (line) => lines.push(line),
    logLevel: 'debug',
    reconciliation: { enabled: false },
    offlineSandbox: { control: true },
    ...extra,
  });
  host.route(MOUNT, bff.app);
  const connection = bff.doku;
  let counter = 0;
  return {
    bff,
    host,
    doku: connection,
    lines,
    async call(path, init = {}) {
      const { key, headers, ...rest } = init;
      counter += 1;
      return host.request(`${ORIGIN}${MOUNT}${path}`, {
        ...rest,
        headers: {
          origin: ORIGIN,
          'x-kki-request': '1',
          'content-type': 'application/json',
          ...(rest.method && rest.method !== 'GET'
            ? { 'idempotency-key': key ?? `test-key-${Date.now()}-${counter}` }
            : {}),
          ...(headers as Record<string, string> | undefined),
        },
      });
    },
    notify: async (path, init) => host.request(new URL(path, ORIGIN).href, init, inProcessDeliveryEnv()),
    async control(path, body) {
      return connection.sandbox!.app.request(`/__sandbox${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        ...(body !== undefined && {
          body: JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
        }),
      });
    },
    close: () => bff.close(),
  };
}

let otts = 0;

/** A KKI attempt on `orderId` through the BFF, open at DOKU (the issuer app has not confirmed it). */
export async function kkiAttempt(
  h: CardsHarness,
  orderId: string,
  cpan = '9360000200000011',
): Promise<{ id: string; ref: string }> {
  otts += 1;
  const res = await h.call('/kki/payments', {
    method: 'POST',
    body: JSON.stringify({
      orderId,
      source: { type: 'card', cpan, ott: `4${String(otts).padStart(5, '0')}` },
    }),
  });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  return { id, ref: (await h.bff.store.payments.get(id))!.partnerReferenceNo };
}

/** A KKI payment made through the BFF and approved in the sandbox's issuer app, its notification applied. */
export async function paidKkiPayment(
  h: CardsHarness,
  amount: number,
  cpan = '9360000200000011',
): Promise<{ id: string; ref: string }> {
  const order = await h.bff.merchant.createOrder({ customerId: CUSTOMER, amount });
  const attempt = await kkiAttempt(h, order.id, cpan);
  expect((await h.control(`/kki/payments/${attempt.ref}/approve`, {})).status).toBe(200);
  await h.doku.sandbox!.notifier.idle();
  expect((await h.bff.merchant.getPayment(attempt.id))?.status).toBe('succeeded');
  return attempt;
}

/** The sandbox's Cards orders: invoice number, status and authorization. */
export async function ledgerOrders(h: CardsHarness) {
  return (
    (await (await h.control('/cards/ledger')).json()) as {
      orders: { invoiceNumber: string; status: string; authorization: { status: string } | null }[];
    }
  ).orders;
}

/** An AUTHORIZE page paid by the customer, its return page read: the payment is `authorized`. */
export async function authorizedCardPayment(
  h: CardsHarness,
  amount: number,
  cardOptions?: Parameters<typeof openCardPage>[3],
): Promise<string> {
  const { payment } = await openCardPage(h, amount, { paymentType: 'AUTHORIZE' }, cardOptions);
  const paid = await payPage(h, payment.nextAction.url ?? '');
  expect(paid.result).toBe('completed');
  await h.host.request(paid.redirectUrl ?? '');
  await h.doku.sandbox!.notifier.idle();
  expect((await h.bff.store.payments.get(payment.id))?.status).toBe('authorized');
  return payment.id;
}

/** The sandbox page's `requestId` from the page URL the BFF returned. */
export function pageRequestId(url: string): string {
  const id = new URL(url).searchParams.get('requestId');
  if (!id) throw new Error(`no requestId in ${url}`);
  return id;
}

/** Pays a hosted page through the sandbox control route, as the customer would on DOKU's form. */
export async function payPage(
  h: CardsHarness,
  pageUrl: string,
  card: string = CARDS.approved,
  more: Record<string, unknown> = {},
): Promise<{ result: string; redirectUrl?: string }> {
  const res = await h.control(`/cards/pages/${pageRequestId(pageUrl)}/pay`, {
    card_number: card,
    expiry: '12/39',
    cvv: '123',
    name: 'Budi Santoso',
    ...more,
  });
  return (await res.json()) as { result: string; redirectUrl?: string };
}

/** Creates an order and opens a card page for it through the BFF's browser route. */
export async function openCardPage(
  h: CardsHarness,
  amount: number,
  body: Record<string, unknown> = {},
  cardOptions?: Parameters<KkiBff['merchant']['createOrder']>[0]['cardOptions'],
) {
  const order = await h.bff.merchant.createOrder({
    customerId: CUSTOMER,
    amount,
    metadata: { email: 'budi@example.com' },
    ...(cardOptions && { cardOptions }),
  });
  const res = await h.call('/cards/payments', {
    method: 'POST',
    body: JSON.stringify({ orderId: order.id, ...body }),
  });
  const payment = (await res.json()) as {
    id: string;
    status: string;
    nextAction: { type: string; url?: string };
    error?: unknown;
  };
  return { order, res, payment };
}

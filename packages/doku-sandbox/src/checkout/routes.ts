// The sandbox's DOKU Checkout page as routes: the page at `response.payment.url`, the KKI form, the
// card button (to the hosted card form), the cancel, and the redirect to `order.callback_url` once
// the payment has a result (`callback_url_cancel` after a cancel).
//
// Framing: the page works as a full-page redirect, in a popup and inside the merchant's iframe
// (DOKU's checkout JS shows it in an overlay). Its CSP `frame-ancestors` lists the page itself and the
// merchant's own origins (its return URLs, notification URLs and the configured ones), not `*`: a
// page that takes card data must not be framed by just any site (clickjacking). The KKI OTP and
// issuer-app pages stay unframeable: the issuer app opens in its own window.
import { formatIdr } from '@kki-kit/contract';
import { type Context, Hono } from 'hono';
import { cardPageHeaders, pageNonce } from '../pages/card-layout.js';
import { renderCardClosed, renderCardResult } from '../pages/card-result.js';
import {
  CHECKOUT_THEME,
  type CheckoutCopy,
  checkoutCopy,
  renderCheckoutCancelled,
  renderCheckoutMethods,
  renderCheckoutWaiting,
} from '../pages/checkout-page.js';
import type { Html } from '../pages/kki-layout.js';
import { hostedUrl } from '../config.js';
import type { SandboxContext } from '../context.js';
import { cspSource, merchantTarget } from '../merchant-url.js';
import type { CheckoutEngine } from './engine.js';
import { CHECKOUT_PAGE_PREFIX, checkoutPagePath } from './paths.js';
import type { CheckoutSession, CheckoutState } from './state.js';

/** The merchant's origins a Checkout names, as CSP sources (see the file comment). */
export function checkoutOrigins(ctx: SandboxContext, session: CheckoutSession | null) {
  const o = session?.request.order;
  const returns = [o?.callback_url, o?.callback_url_cancel, o?.callback_url_result].map(cspSource);
  const cfg = ctx.config;
  const others = [
    session?.request.additional_info?.override_notification_url,
    cfg.nonSnapNotificationUrl,
    cfg.snapNotificationUrl,
    cfg.snapNotificationTokenUrl,
    cfg.publicBaseUrl,
  ].map(cspSource);
  const unique = (list: Array<string | null>) => [...new Set(list.filter((x): x is string => x !== null))];
  return { frameAncestors: unique([...returns, ...others]), formTargets: unique(returns) };
}

/** `yyyy-MM-dd HH:mm` in WIB, for the page. */
function wib(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Builds the Checkout page routes. */
export function createCheckoutRoutes(deps: {
  ctx: SandboxContext;
  state: CheckoutState;
  engine: CheckoutEngine;
}): Hono {
  const { ctx, state, engine } = deps;
  const app = new Hono();
  const at = (c: Context, path: string) => hostedUrl(ctx.config, c.req.url, path);
  const lang = (s: CheckoutSession | null) => s?.request.order.language;
  const copyOf = (s: CheckoutSession | null): CheckoutCopy => checkoutCopy(lang(s));
  const money = (s: CheckoutSession, amount: number) => formatIdr(amount, lang(s) === 'ID' ? 'id' : 'en');

  function page(
    c: Context,
    session: CheckoutSession | null,
    status: number,
    render: (nonce: string) => Html,
  ) {
    const nonce = pageNonce();
    const origins = checkoutOrigins(ctx, session);
    // A page of no session (unknown link) holds no input: any site may frame it.
    const frameAncestors = session ? origins.frameAncestors : ['*'];
    return c.html(
      render(nonce),
      status as 200,
      cardPageHeaders({ nonce, frameAncestors, formTargets: origins.formTargets }),
    );
  }

  function methodsPage(c: Context, s: CheckoutSession, status: number, kkiError: 'cpan' | 'ott' | null) {
    const base = checkoutPagePath(s.tokenId);
    const saved = s.methods.includes('card') ? engine.savedCard(s) : null;
    return page(c, s, status, (nonce) =>
      renderCheckoutMethods({
        copy: copyOf(s),
        nonce,
        merchantName: ctx.config.merchantName,
        invoiceNumber: s.invoiceNumber,
        amountText: money(s, s.request.order.amount),
        lineItems: (s.request.order.line_items ?? []).map((i) => ({
          name: i.name,
          quantity: i.quantity,
          priceText: money(s, i.price),
        })),
        expiresText: wib(s.expiresAtMs),
        actions: {
          kki: s.methods.includes('kki') ? at(c, `${base}/kki`) : null,
          card: s.methods.includes('card') ? at(c, `${base}/card`) : null,
          cancel: at(c, `${base}/cancel`),
        },
        savedCardText: saved ? `${saved.card.brand} ${saved.card.masked}` : null,
        kkiError,
      }),
    );
  }

  /** The result of a finished Checkout: to `callback_url` with `auto_redirect`, else a result page. */
  function resultPage(c: Context, s: CheckoutSession) {
    const order = engine.orderOf(s);
    const back = merchantTarget(s.request.order.callback_url);
    if (s.request.order.auto_redirect && back) {
      c.header('Referrer-Policy', 'no-referrer');
      return c.redirect(back, 303);
    }
    const copy = copyOf(s);
    const ok = order?.status === 'SUCCESS';
    const kki = order?.checkout?.kki;
    const card = order?.card;
    return page(c, s, 200, (nonce) =>
      renderCardResult({
        copy: copy.card_,
        theme: CHECKOUT_THEME,
        nonce,
        outcome: ok ? 'success' : 'failed',
        amountText: money(s, order?.amount ?? s.request.order.amount),
        invoiceNumber: s.invoiceNumber,
        cardText: kki ? `KKI ${kki.masked}` : card ? `${card.brand} ${card.masked}` : null,
        approvalCode: order?.approvalCode ?? null,
        reason: ok ? null : (order?.responseMessage ?? null),
        installmentMonths: null,
        backUrl: back,
      }),
    );
  }

  function show(c: Context, s: CheckoutSession) {
    engine.refresh(s);
    const copy = copyOf(s);
    switch (s.state) {
      case 'open':
        return methodsPage(c, s, 200, null);
      case 'confirming': {
        const order = engine.orderOf(s);
        return page(c, s, 200, (nonce) =>
          renderCheckoutWaiting({
            copy,
            nonce,
            issuerName: order?.checkout?.kki?.issuerName ?? 'bank',
            amountText: money(s, s.request.order.amount),
            issuerAppUrl: at(c, s.kkiIssuerAppPath ?? '/'),
            pageUrl: s.url,
          }),
        );
      }
      case 'completed':
        return resultPage(c, s);
      case 'cancelled':
        return page(c, s, 200, (nonce) => renderCheckoutCancelled({ copy, nonce }));
      case 'expired':
        return page(c, s, 410, (nonce) =>
          renderCardClosed({ copy: copy.card_, theme: CHECKOUT_THEME, nonce, reason: 'expired' }),
        );
    }
  }

  const notFound = (c: Context) =>
    page(c, null, 404, (nonce) =>
      renderCardClosed({
        copy: checkoutCopy(undefined).card_,
        theme: CHECKOUT_THEME,
        nonce,
        reason: 'notFound',
      }),
    );
  const sessionOf = (c: Context) => state.sessions.get(c.req.param('token') ?? '');

  app.get(`${CHECKOUT_PAGE_PREFIX}/:token`, (c) => {
    const s = sessionOf(c);
    return s ? show(c, s) : notFound(c);
  });

  app.post(`${CHECKOUT_PAGE_PREFIX}/:token/kki`, async (c) => {
    const s = sessionOf(c);
    if (!s) return notFound(c);
    const form = await c.req.parseBody();
    const text = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : '');
    const result = await engine.payKki(s.tokenId, text('cpan'), text('ott'));
    // Never echo the CPAN or OTT back into the page.
    if (result.kind === 'invalid') return methodsPage(c, s, 422, result.field);
    return c.redirect(s.url, 303);
  });

  app.post(`${CHECKOUT_PAGE_PREFIX}/:token/card`, (c) => {
    const s = sessionOf(c);
    if (!s) return notFound(c);
    const url = engine.chooseCard(s.tokenId);
    return c.redirect(url ?? s.url, 303);
  });

  app.post(`${CHECKOUT_PAGE_PREFIX}/:token/cancel`, (c) => {
    const s = sessionOf(c);
    if (!s) return notFound(c);
    const cancelled = engine.cancel(s.tokenId);
    const back = merchantTarget(s.request.order.callback_url_cancel);
    if (cancelled && back) {
      c.header('Referrer-Policy', 'no-referrer');
      return c.redirect(back, 303);
    }
    return show(c, s);
  });

  return app;
}

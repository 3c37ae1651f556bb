// The hosted Cards pages as routes: the card form at DOKU's payment-page URL, its post, the 3-D
// Secure step and the result page, with the redirect to the merchant's `callback_url` /
// `failed_url` when `auto_redirect` is set (doku-api.md §7.1).
import { cardAcquirerName, formatIdr, installmentMonthly } from '@kki-kit/contract';
import { type Context, Hono } from 'hono';
import { hostedUrl } from '../config.js';
import type { SandboxContext } from '../context.js';
import { cspSource, merchantTarget } from '../merchant-url.js';
import { type CardCopy, cardCopy } from '../pages/card-copy.js';
import { renderCardForm } from '../pages/card-form.js';
import { cardTheme, framedPage } from '../pages/card-layout.js';
import { renderCardClosed, renderCardResult } from '../pages/card-result.js';
import { renderThreeDs } from '../pages/card-3ds.js';
import type { Html } from '../pages/kki-layout.js';
import {
  type CardField,
  type CardFieldError,
  type CardSubmission,
  type Checkout,
  needsCvv,
  sessionTenors,
} from './checkout.js';
import { CARD_3DS_PATH, CARD_PAGE_PATH, CARD_PAY_PATH, CARD_RESULT_PATH } from './paths.js';
import { INSTALLMENT_PLANS } from './rules.js';
import type { CardOrder, CardsState, PaymentPageSession } from './state.js';

/**
 * The merchant's origins a session names, as CSP sources: its return URLs and the configured
 * merchant URLs. A URL whose origin is no plain `scheme://host[:port]` is left out.
 */
export function merchantOrigins(
  ctx: SandboxContext,
  session: PaymentPageSession | null,
): {
  frameAncestors: string[];
  formTargets: string[];
} {
  const origin = cspSource;
  const unique = (list: Array<string | null>) => [...new Set(list.filter((o): o is string => o !== null))];
  const order = session?.request.order;
  const returns = [origin(order?.callback_url), origin(order?.failed_url)];
  const cfg = ctx.config;
  return {
    frameAncestors: unique([
      ...returns,
      origin(session?.request.additional_info?.override_notification_url),
      origin(cfg.nonSnapNotificationUrl),
      origin(cfg.snapNotificationUrl),
      origin(cfg.snapNotificationTokenUrl),
      origin(cfg.publicBaseUrl),
    ]),
    formTargets: unique(returns),
  };
}

/** Where the customer goes after the payment when `auto_redirect` is set (or the result page links). */
export function merchantReturnUrl(session: PaymentPageSession, order: CardOrder): string | null {
  const o = session.request.order;
  if (order.status === 'SUCCESS') return merchantTarget(o.callback_url);
  // "If not set, then will redirect to callback_url" (§7.1 failed_url).
  return merchantTarget(o.failed_url ?? o.callback_url);
}

/** The result page path of a session. */
export function resultPath(session: PaymentPageSession): string {
  return `${CARD_RESULT_PATH}/${encodeURIComponent(session.ref)}`;
}

/** Builds the hosted-page routes. */
export function createHostedRoutes(deps: {
  ctx: SandboxContext;
  state: CardsState;
  checkout: Checkout;
}): Hono {
  const { ctx, state, checkout } = deps;
  const app = new Hono();
  // Absolute page URLs: the sandbox may be mounted under a prefix (the BFF's offline mode serves it
  // under its own path), so a root-relative action would leave the sandbox.
  const at = (c: Context, path: string) => hostedUrl(ctx.config, c.req.url, path);

  const lang = (s: PaymentPageSession | null) => s?.request.override_configuration?.themes?.language;
  const copyOf = (s: PaymentPageSession | null) => cardCopy(lang(s));
  const themeOf = (s: PaymentPageSession | null) => cardTheme(s?.request.override_configuration?.themes);
  const money = (s: PaymentPageSession | null, amount: number) =>
    formatIdr(amount, lang(s) === 'ID' ? 'id' : 'en');

  const html = (
    c: Context,
    session: PaymentPageSession | null,
    status: number,
    render: (nonce: string) => Html,
  ) => framedPage(c, session ? merchantOrigins(ctx, session) : null, status, render);

  function closedPage(c: Context, session: PaymentPageSession | null, reason: 'expired' | 'notFound') {
    return html(c, session, reason === 'expired' ? 410 : 404, (nonce) =>
      renderCardClosed({ copy: copyOf(session), theme: themeOf(session), nonce, reason }),
    );
  }

  function errorText(
    copy: CardCopy,
    session: PaymentPageSession,
    field: CardField,
    err: CardFieldError,
  ): string {
    if (err === 'belowInstallmentMinimum') {
      const acquirer = session.request.payment?.acquirer;
      return copy.belowMinimum(money(session, acquirer ? INSTALLMENT_PLANS[acquirer].minAmount : 0));
    }
    return copy.errors[field][err] ?? copy.errors[field].invalid ?? copy.errorSummary;
  }

  function formPage(
    c: Context,
    session: PaymentPageSession,
    status: number,
    errors: Partial<Record<CardField, CardFieldError>> = {},
    s: CardSubmission = {},
  ) {
    const copy = copyOf(session);
    const req = session.request;
    const saved = req.card?.token ? state.tokens.get(req.card.token) : undefined;
    const tenorPicked = Number(s.tenor ?? req.payment?.tenor);
    const amount = req.order.amount;
    const tokenizable = req.customer?.id !== undefined;
    return html(c, session, status, (nonce) =>
      renderCardForm({
        copy,
        theme: themeOf(session),
        nonce,
        action: at(c, CARD_PAY_PATH),
        ref: session.ref,
        invoiceNumber: session.invoiceNumber,
        amountText: money(session, amount),
        lineItems: (req.order.line_items ?? []).map((i) => ({
          name: i.name ?? '',
          quantity: i.quantity,
          priceText: money(session, i.price),
        })),
        savedCard: saved ? { masked: saved.card.masked, brand: saved.card.brand } : null,
        cardChoice: saved && s.cardChoice !== 'new' ? 'saved' : 'new',
        cvvForSaved: needsCvv(session, true),
        cvvForNew: needsCvv(session, false),
        tenors: sessionTenors(session).map((t) => ({
          value: t,
          label:
            t === 0 || !req.payment?.acquirer
              ? copy.tenorOption(t)
              : copy.plan(
                  cardAcquirerName(req.payment.acquirer),
                  t,
                  money(session, installmentMonthly(amount, t)),
                ),
          selected: t === tenorPicked,
        })),
        // card.save forces saving and RECURRING always saves: the choice only shows otherwise.
        showSaveCard: tokenizable && req.card?.save !== true && session.type !== 'RECURRING',
        saveCardChecked: s.saveCard === true,
        disclaimer: req.additional_info?.disclaimer
          ? ((lang(session) === 'ID'
              ? req.additional_info.disclaimer.id
              : req.additional_info.disclaimer.en) ??
            req.additional_info.disclaimer.en ??
            req.additional_info.disclaimer.id ??
            null)
          : null,
        disclaimerChecked: s.disclaimer === true,
        errors: Object.fromEntries(
          (Object.entries(errors) as Array<[CardField, CardFieldError]>).map(([f, e]) => [
            f,
            errorText(copy, session, f, e),
          ]),
        ),
        name: s.name ?? '',
        payLabel: copy.pay(money(session, amount)),
        promos: (req.override_configuration?.promo ?? []).map((p) => ({
          bin: p.bin,
          note: copy.promo(money(session, p.discount_amount), money(session, amount - p.discount_amount)),
          payLabel: copy.pay(money(session, amount - p.discount_amount)),
        })),
      }),
    );
  }

  function resultPage(c: Context, session: PaymentPageSession, order: CardOrder) {
    const copy = copyOf(session);
    const outcome = order.status !== 'SUCCESS' ? 'failed' : order.authorization ? 'authorized' : 'success';
    return html(c, session, 200, (nonce) =>
      renderCardResult({
        copy,
        theme: themeOf(session),
        nonce,
        outcome,
        amountText: money(session, order.amount),
        invoiceNumber: order.invoiceNumber,
        cardText: order.card ? `${order.card.brand} ${order.card.masked}` : null,
        approvalCode: order.approvalCode,
        reason: order.status === 'SUCCESS' ? null : order.responseMessage,
        installmentMonths: order.installment?.tenor ?? null,
        backUrl: merchantReturnUrl(session, order),
      }),
    );
  }

  /** After the issuer answered: to the merchant (auto_redirect) or to the result page. */
  function afterPayment(c: Context, session: PaymentPageSession, order: CardOrder) {
    const target = session.request.order.auto_redirect ? merchantReturnUrl(session, order) : null;
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
    return c.redirect(target ?? at(c, resultPath(session)), 303);
  }

  function threeDsPage(
    c: Context,
    session: PaymentPageSession,
    challengeId: string,
    status: number,
    error: string | null,
  ) {
    const challenge = state.challenges.get(challengeId);
    const order = state.orders.get(session.invoiceNumber);
    if (!challenge || !order) return closedPage(c, session, 'notFound');
    const promo = challenge.pending.promo?.discountAmount ?? 0;
    return html(c, session, status, (nonce) =>
      renderThreeDs({
        copy: copyOf(session),
        theme: themeOf(session),
        nonce,
        action: at(c, `${CARD_3DS_PATH}/${encodeURIComponent(challengeId)}`),
        amountText: money(session, session.request.order.amount - promo),
        merchantName: ctx.config.merchantName,
        cardText: `${challenge.pending.card.brand} ${challenge.pending.card.masked}`,
        error,
      }),
    );
  }

  /** Where a session stands when someone opens one of its pages. */
  function showSession(c: Context, session: PaymentPageSession) {
    const order = state.orders.get(session.invoiceNumber);
    const reason = checkout.closedReason(session);
    if (reason === 'completed' && order && order.pageRef === session.ref && order.card)
      return resultPage(c, session, order);
    if (reason) return closedPage(c, session, 'expired');
    if (session.state === 'three_ds' && session.challengeId) {
      return c.redirect(at(c, `${CARD_3DS_PATH}/${encodeURIComponent(session.challengeId)}`), 303);
    }
    return formPage(c, session, 200);
  }

  app.get(CARD_PAGE_PATH, (c) => {
    const q = (k: string) => c.req.query(k) ?? '';
    const session = state.pages.get(q('requestId'));
    // Every parameter of the link must be the one DOKU issued (§7.1 URL format).
    if (
      !session ||
      session.signatureParam !== q('signature') ||
      q('clientId') !== ctx.config.clientId ||
      session.invoiceNumber !== q('invoiceNumber')
    ) {
      return closedPage(c, null, 'notFound');
    }
    return showSession(c, session);
  });

  app.post(CARD_PAY_PATH, async (c) => {
    const form = await c.req.parseBody();
    const text = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : undefined);
    const session = state.pages.get(text('requestId') ?? '');
    if (!session) return closedPage(c, null, 'notFound');
    const cardChoice = text('card_choice');
    const submission: CardSubmission = {
      cardChoice,
      cardNumber: text('card_number'),
      expiry: text('expiry'),
      // The saved card's CVV has its own field (the new-card one is in the form too, only hidden).
      cvv: cardChoice === 'saved' ? (text('saved_cvv') ?? text('cvv')) : text('cvv'),
      name: text('name'),
      tenor: text('tenor'),
      saveCard: text('save_card') === '1',
      disclaimer: text('disclaimer') === '1',
    };
    const result = checkout.submit(session, submission);
    switch (result.kind) {
      case 'invalid':
        // Never echo the card number, expiry or CVV back into the page.
        return formPage(c, session, 422, result.errors, {
          ...submission,
          cardNumber: '',
          expiry: '',
          cvv: '',
        });
      case 'threeDs':
        return c.redirect(at(c, `${CARD_3DS_PATH}/${encodeURIComponent(result.challengeId)}`), 303);
      case 'completed':
        return afterPayment(c, session, result.order);
      case 'closed':
        return showSession(c, session);
    }
  });

  app.get(`${CARD_3DS_PATH}/:id`, (c) => {
    const id = c.req.param('id');
    const challenge = state.challenges.get(id);
    const session = challenge ? state.pages.get(challenge.pageRef) : undefined;
    if (!challenge || !session) return closedPage(c, null, 'notFound');
    if (checkout.closedReason(session)) return showSession(c, session);
    return threeDsPage(c, session, id, 200, null);
  });

  app.post(`${CARD_3DS_PATH}/:id`, async (c) => {
    const id = c.req.param('id');
    const challenge = state.challenges.get(id);
    const session = challenge ? state.pages.get(challenge.pageRef) : undefined;
    if (!challenge || !session) return closedPage(c, null, 'notFound');
    const form = await c.req.parseBody();
    const result =
      form.action === 'cancel'
        ? checkout.cancelChallenge(id)
        : checkout.verifyOtp(id, typeof form.otp === 'string' ? form.otp : '');
    if (result.kind === 'wrongOtp') {
      return threeDsPage(c, session, id, 422, copyOf(session).wrongOtp(result.attemptsLeft));
    }
    if (result.kind === 'completed') return afterPayment(c, session, result.order);
    return showSession(c, session);
  });

  app.get(`${CARD_RESULT_PATH}/:ref`, (c) => {
    const session = state.pages.get(c.req.param('ref'));
    if (!session) return closedPage(c, null, 'notFound');
    return showSession(c, session);
  });

  return app;
}

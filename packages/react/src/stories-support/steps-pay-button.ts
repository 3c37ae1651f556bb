// What the KkiPayButton stories share: the mock BFF of its meta, paying with a new card, the DOKU
// Checkout set-up, and its two error flows (KKI payment over H2H, a failed Checkout payment).
import { createKkiError, type KitConfig } from '@kki-kit/contract';
import type { MswApi } from 'msw-storybook-addon/types';
import { expect, fn, userEvent } from 'storybook/test';
import { answer, image } from './bff-handlers.js';
import { errorStories } from './error-stories.js';
import { type PlayContext, playKit } from './play.js';
import {
  STORY_CPAN,
  STORY_ORDER_ID,
  STORY_PAYMENT_ID,
  secondsFromNow,
  storyCheckoutPayment,
  storyOrder,
} from './views.js';

/** Every callback of `KkiPaymentCallbacks` as a spy, so the Actions panel shows each with its payload. */
export const paymentCallbacks = () => ({
  onSuccess: fn(),
  onError: fn(),
  onPending: fn(),
  onRequiresAction: fn(),
  onCancel: fn(),
  onExpire: fn(),
});

/** The QR code the BFF draws of the stories' issuer-app link (`https://app.bri.test/kki/confirm`). */
export const APP_LINK_QR = '/doku-stub/app-link-qr.svg';

/** The args and mock BFF every KkiPayButton story starts from (H2H KKI, an open order, no saved cards). */
export const payButtonMeta = {
  args: {
    orderId: STORY_ORDER_ID,
    showSavedCards: true,
    allowSaveCard: true,
    ...paymentCallbacks(),
  },
  beforeEach({ msw }: { msw: MswApi }) {
    msw.use(
      answer('getKitConfig', { kki: { integration: 'h2h' }, checkout: null }),
      answer('getOrder', storyOrder()),
      answer('listSavedCards', { cards: [] }),
      image('getPaymentAppLinkQr', APP_LINK_QR),
    );
  },
};

/** Types the story card and a one-time code, then presses Pay. */
export async function payWithNewCard(context: PlayContext): Promise<void> {
  const { canvas, copy, amount } = playKit(context);
  await userEvent.type(await canvas.findByLabelText(copy.cardNumberLabel), STORY_CPAN);
  await userEvent.type(canvas.getByLabelText(copy.ottLabel), 'OTT123');
  await userEvent.click(canvas.getByRole('button', { name: copy.payButton(amount) }));
}

/** The BFF's config for a merchant without PCI DSS: DOKU Checkout, no card field. */
export const CHECKOUT_CONFIG: KitConfig = {
  kki: { integration: 'checkout' },
  checkout: { methods: ['kki', 'card'] },
};

/** A Checkout payment picked up from the return address (the shopper came back from DOKU's page). */
export const checkoutResumeArgs = { orderId: STORY_ORDER_ID, resumePaymentId: STORY_PAYMENT_ID } as const;

/** DOKU's Checkout page as a local stub, so a frame or link in a story shows a real page. */
export const DOKU_CHECKOUT_PAGE = '/doku-stub/checkout.html';

export const onDokuPage = (seconds: number) =>
  storyCheckoutPayment({
    nextAction: {
      type: 'checkout_page',
      url: new URL(DOKU_CHECKOUT_PAGE, window.location.href).href,
      expiresAt: secondsFromNow(seconds),
    },
  });

/** The meta of Checkout stories: the checkout config on top of {@link payButtonMeta}. */
export const checkoutMeta = {
  args: payButtonMeta.args,
  beforeEach(context: { msw: MswApi }) {
    payButtonMeta.beforeEach(context);
    context.msw.use(answer('getKitConfig', CHECKOUT_CONFIG));
  },
};

/** The meta of Checkout stories that resume a payment after the shopper came back from DOKU's page. */
export const checkoutResumeMeta = {
  ...checkoutMeta,
  args: { ...payButtonMeta.args, ...checkoutResumeArgs },
};

/** KKI payment (SNAP 54) refusals, after the shopper typed a card and pressed Pay. */
export const kkiPaymentErrors = errorStories({
  flow: 'kki_payment',
  route: 'createKkiPayment',
  act: payWithNewCard,
});

/** A Checkout payment DOKU failed with a code, read when the shopper comes back. */
export const checkoutPaymentErrors = errorStories({
  flow: 'checkout_payment',
  respond: (code, locale, dokuResponseCode) => [
    answer(
      'getPayment',
      storyCheckoutPayment({
        status: 'failed',
        error: createKkiError(code, { locale, ...(dokuResponseCode && { dokuResponseCode }) }),
      }),
    ),
  ],
  act: async () => {},
  check: async (context) => {
    const { canvas, copy } = playKit(context);
    await expect(await canvas.findByRole('heading', { name: copy.payFailedTitle })).toBeInTheDocument();
  },
});

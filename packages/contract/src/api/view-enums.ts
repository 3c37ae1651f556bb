// The value lists of the views (statuses, methods, modes), apart from their schemas: the browser
// reads views without zod and checks the few fields the UI relies on against these lists.

/** Where an order stands: `open` until a payment succeeds; `paid` after. */
export const ORDER_STATUSES = ['open', 'paid'] as const;

/**
 * A payment attempt's state. `created -> pending -> succeeded | failed | expired | cancelled`;
 * card AUTHORIZE payments pass through `authorized` until captured (`succeeded`) or released
 * (`cancelled` / `expired`); `succeeded -> partially_refunded -> refunded`.
 */
export const PAYMENT_STATUSES = [
  'created',
  'pending',
  'authorized',
  'succeeded',
  'failed',
  'expired',
  'cancelled',
  'partially_refunded',
  'refunded',
] as const;

/**
 * The payment methods: KKI over SNAP (host-to-host), DOKU Cards over the hosted card page, or DOKU
 * Checkout, whose hosted page takes KKI or a credit card without the card reaching the merchant.
 */
export const PAYMENT_METHODS = ['kki', 'card', 'checkout'] as const;

/** What the customer can pay with on DOKU Checkout's page: KKI, or a credit card. */
export const CHECKOUT_CHANNELS = ['kki', 'card'] as const;

/** The four KKI payment types (doku-api.md §5.1). */
export const KKI_PAYMENT_KINDS = ['single', 'bind_and_pay', 'token', 'no_auth'] as const;

/** One of {@link KKI_PAYMENT_KINDS}. */
export type KkiPaymentKind = (typeof KKI_PAYMENT_KINDS)[number];

/**
 * A saved card's state: usable, or unbinding at DOKU (PENDING) and about to disappear. Lists never
 * show `removed` cards; only the `card.removed` event carries one.
 */
export const SAVED_CARD_STATUSES = ['active', 'removing', 'removed'] as const;

/** How the customer proves the card is theirs: DOKU's hosted OTP page, or the OTP typed in the component. */
export const BINDING_MODES = ['redirect', 'otp'] as const;

/** A binding's state. */
export const BINDING_STATUSES = ['pending', 'active', 'failed', 'expired'] as const;

/** A refund's state. */
export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;

/**
 * How the BFF takes KKI. `checkout`: on DOKU Checkout's page (the default, for every merchant).
 * `h2h`: host-to-host, the CPAN and OTT pass through the merchant's server, which DOKU allows only to
 * PCI DSS certified merchants.
 */
export const KKI_INTEGRATIONS = ['checkout', 'h2h'] as const;

/**
 * How the shop shows DOKU Checkout's page: the whole tab goes there (`redirect`), a popup window, or
 * an iframe overlay on the shop's page. It decides how the return page hands the result back.
 */
export const CHECKOUT_DISPLAYS = ['redirect', 'popup', 'overlay'] as const;

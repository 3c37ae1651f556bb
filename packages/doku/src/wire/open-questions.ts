// Every decision the kit makes where DOKU's documentation is silent or contradicts itself
// (doku-api.md §9). Each constant cites the evidence; change one here and the client, the sandbox
// and the schemas follow.

/**
 * How the CPAN (and OTT) travel in a KKI payment (§9.1, §9.2): inside the AES-encrypted `cardData`
 * field, the same as card binding does per [SEED-001] ("Merchant submits the encrypted card data").
 * A plain CPAN field appears in no source, and a PCI flow would not send the PAN in clear.
 */
export const KKI_PAYMENT_CPAN_FIELD = 'cardData' as const;

/**
 * Keys of the `CardDataPayload` plaintext JSON (§5.9, §9.2). `bankCardNo` and `expiryDate` are the
 * names every DOKU SDK uses for card data; `chargeToken` follows [SEED-001]'s binding response
 * ("Charge token … from the decrypted card data"). Matches `cardDataAes128Cbc` vector 2.
 */
export const KKI_CARD_DATA_FIELDS = {
  cpan: 'bankCardNo',
  ott: 'chargeToken',
  /** `MMYY`. */
  expiry: 'expiryDate',
} as const;

/**
 * How `cardData` is encoded (§5.9): `'ct|iv'` is `Base64(ciphertext)|Base64(iv)`, what every DOKU SDK
 * sends (`cardDataAes128Cbc` vectors); `'iv+ct'` is one Base64 string of the IV followed by the
 * ciphertext, one reading of [SEED-001] Card Binding ("The resulting Base64-encoded ciphertext is
 * submitted as the `cardData` field", which does not say where the IV goes). GUESS between the two:
 * the SDKs are running code, the seed is prose. The client encrypts and the sandbox decrypts with
 * this one setting.
 */
export const KKI_CARD_DATA_FORMAT: CardDataFormat = 'ct|iv';
/** The two `cardData` encodings the sources allow (see {@link KKI_CARD_DATA_FORMAT}). */
export type CardDataFormat = 'ct|iv' | 'iv+ct';

/**
 * Which credential keys `cardData` when the merchant was given no separate `sharedKey` (GUESS):
 * [SEED-001] Card Binding says "AES-CBC with the merchant's `sharedKey`" without saying what that
 * key is; DOKU's SDKs use the SNAP secret key. The client encrypts and the sandbox decrypts with it.
 */
export const CARD_DATA_KEY_FALLBACK = 'secretKey' as const;

/**
 * Whether the OTT is also sent as the top-level `chargeToken` of a KKI payment (§5.6 item 2: every
 * DOKU Postman KKI "Payment AFP" body has a top-level `chargeToken`; SNAP standard `chargeToken`
 * S(40)). Sent in both places so either reading of DOKU's schema finds it.
 */
export const KKI_PAYMENT_OTT_TOP_LEVEL = true;

/** `partnerReferenceNo` max length on KKI payment: 32 per [DOC-KKI-HTML] (§5.6 item 1), not the SNAP 64. */
export const KKI_PARTNER_REFERENCE_MAX = 32;

/**
 * `additionalInfo.paymentType` values (§9.1). DOKU SDKs allow `SALE | RECURRING` (§5.6 item 3);
 * Postman's "Payment without AFP" is the only body carrying it, so `RECURRING` marks a payment
 * without authentication (§5.6 INFERENCE).
 */
export const KKI_PAYMENT_TYPES = ['SALE', 'RECURRING'] as const;
/** The `paymentType` of a payment without authentication (subscription charge; §5.6 INFERENCE). */
export const KKI_NO_AUTH_PAYMENT_TYPE = 'RECURRING' as const;

/**
 * Key of the channel in the unbinding request (§5.5, §9.5): `channelId` per the KKI OpenAPI in
 * [SEED-001], the only KKI-specific source. Schemas accept `channel` too (SDKs, Postman).
 */
export const UNBIND_CHANNEL_KEY = 'channelId' as const;

/**
 * `serviceCode` sent in the debit status body (§5.8, §9.6): `55`, what DOKU's own Node SDK
 * validates for and sends; the SNAP standard sample uses the original transaction's `54`. Both are
 * accepted by the schema.
 */
export const STATUS_SERVICE_CODE = '55' as const;
/** `serviceCode` values the status schema accepts (§9.6 CONFLICT). */
export const STATUS_SERVICE_CODES_ACCEPTED = ['54', '55'] as const;

/**
 * Key of the channel in DOKU's debit notification `additionalInfo` (§4.4): the Node SDK's
 * `channelId` (Java says `channel`; schemas accept both).
 */
export const NOTIFICATION_CHANNEL_KEY = 'channelId' as const;

/**
 * Where the OTP-verification request carries the binding session's `authCode` (§5.4, [SEED-001]:
 * "passed to the OTP verification API (H2H)"; field placement unknown, INFERENCE): key `authCode` in
 * `additionalInfo`, mirroring where the binding response returns it. The binding's `referenceNo` goes
 * in `originalReferenceNo` (SNAP standard Verify OTP).
 */
export const OTP_AUTH_CODE_FIELD = { in: 'additionalInfo', key: 'authCode' } as const;

/**
 * Whether to send `Authorization-Customer` on KKI payments (§2.3, §5.6 item 1): no. The KKI card
 * flow has no B2B2C `authCode` to exchange, so the header shown on DOKU's page looks like template
 * text.
 */
export const KKI_SEND_AUTHORIZATION_CUSTOMER = false;

/** Default `CHANNEL-ID` on binding: `DH` (DOKU-hosted OTP page), the seed's default (§5.3). */
export const DEFAULT_BINDING_CHANNEL_ID = 'DH' as const;

/**
 * Default `CHANNEL-ID` on unbinding: `H2H`. [SEED-001] Card Unbinding: "`H2H`: host-to-host; returns
 * a plain success response without redirect", while `DH` "may return a `redirectUrl`". The kit
 * unbinds from the server with no customer at a browser to send anywhere; a `redirectUrl` DOKU
 * still returns is passed to the browser (`removeSavedCard` answer).
 */
export const DEFAULT_UNBINDING_CHANNEL_ID = 'H2H' as const;

/** Default B2B token lifetime when DOKU omits `expiresIn` (§1.3: every SDK defaults to 900 s). */
export const DEFAULT_TOKEN_EXPIRES_IN_S = 900;

/**
 * Where a `409` replay answer carries the original response, if DOKU includes it (GUESS: no source
 * describes a 409 body beyond `responseCode`/`responseMessage`, §6.3). The client reads the original
 * outcome from this key when present, otherwise asks the status API; the sandbox fills it (not with
 * `SANDBOX_MINIMAL=1`, which answers the documented body only).
 * SNAP bodies are camelCase, Non-SNAP snake_case.
 */
export const REPLAY_ORIGINAL_RESPONSE_FIELD = {
  snap: 'originalResponse',
  nonSnap: 'original_response',
} as const;

/**
 * The HTTP status that comes with each KKI case code (§5.10 INFERENCE). [SEED-001]'s `ErrorResponse`
 * table gives the case codes and, separately, the statuses a service answers with (400, 401, 403,
 * 404, 409, 500), never which goes with which: this pairing keeps SNAP's table (§6.3) where the same
 * pair appears there. The kit reads a case the same at any status (`@kki-kit/contract`
 * `kkiErrorFromSnap`); the sandbox answers each case with this status.
 */
export const KKI_CASE_HTTP_STATUS = {
  '00': 400,
  '01': 409,
  '02': 401,
  '03': 403,
  '04': 403,
  '05': 403,
  '08': 404,
  '11': 404,
  '12': 403,
  '13': 404,
  '14': 403,
  '15': 403,
} as const satisfies Readonly<Record<string, number>>;

/**
 * The HTTP statuses at which a KKI service's case 01 ("Duplicate Transaction / Duplicate Token",
 * §5.10) is read as a replay of the caller's own request, as SNAP's `409xx01` is: every 4xx but 401
 * (GUESS, from {@link KKI_CASE_HTTP_STATUS}'s INFERENCE: [SEED-001] pairs no status with a case, and
 * the kit reads a case the same at any status). 401 is left out: there `xx01` is SNAP's "Invalid
 * Token (B2B)", which refreshes the token (§6.3). Tolerant on purpose: a replay's outcome comes from
 * DOKU (the original answer or the status API), so a case 01 that meant SNAP's `403xx01` or
 * `404xx01` still ends in DOKU's own word about the payment, never in a second charge.
 */
export const KKI_DUPLICATE_CASE_STATUSES: {
  readonly from: number;
  readonly to: number;
  readonly except: readonly number[];
} = { from: 400, to: 499, except: [401] };

/**
 * Where DOKU's Cards order status (§7.5) lists the order's refunds, and the key naming each one's
 * refund call: `refund_history[].request_id` (GUESS: no source shows refunds in the order status;
 * each entry is read like the refund response's `refund` object, §7.3: `type`, `status`
 * SUCCESS|FAILED). A card refund whose answer was lost, or still in progress, is settled from it;
 * the sandbox writes it.
 */
export const CARD_ORDER_REFUND_HISTORY = { list: 'refund_history', requestId: 'request_id' } as const;

/**
 * `X-EXTERNAL-ID`: 1 to 36 digits. [SEED-001] gives only String(36) ("per-day uniqueness required");
 * digits are what DOKU's Postman bodies and SDKs send (doku-api.md §2.3; [DOC-KKI-HTML] "numeric
 * string"). The client creates such ids and the sandbox refuses others (GUESS: DOKU may take more).
 */
export const EXTERNAL_ID_PATTERN = /^\d{1,36}$/;

/**
 * Key of the customer who owns the token a bind-and-pay creates, in the payment's `additionalInfo`:
 * `custIdMerchant`, as card binding names it ([SEED-001] Card Binding). No source shows a
 * bind-and-pay body with a customer (GUESS).
 */
export const BIND_AND_PAY_CUSTOMER_FIELD = 'custIdMerchant' as const;

/**
 * Whether a KKI payment may leave out `additionalInfo.successPaymentUrl` / `failedPaymentUrl`: yes
 * (GUESS). Every DOKU Postman KKI body carries both (§5.6 item 2) but no source marks them mandatory;
 * a payment needing no customer page (token, no-auth) has nowhere to return to. Binding's
 * `successRegistrationUrl` / `failedRegistrationUrl` are optional in [SEED-001]. With `false`, the
 * payment schema (client and sandbox) requires both.
 */
export const KKI_PAYMENT_RETURN_URLS_OPTIONAL: boolean = true;

/**
 * Whether the issuer app sends the customer to a KKI payment's `successPaymentUrl` /
 * `failedPaymentUrl` exactly as given, query string included: yes (GUESS). No source says DOKU
 * rewrites them; DOKU's Postman KKI bodies (§5.6 item 2) show plain URLs only. With `true` the BFF
 * adds the payment's id (`?kki_payment=`) so the shop can show that payment's result; with `false`
 * it sends the merchant's URLs unchanged.
 */
export const KKI_RETURN_URL_QUERY_KEPT: boolean = true;

/**
 * Fields of a SNAP notification that may name the transaction, searched (top level, then
 * `additionalInfo`) when a correctly signed notification has a shape the schemas do not expect
 * (GUESS: doku-api.md §4.4 documents the debit notify body only; binding and unbinding bodies are
 * undocumented). The BFF then asks DOKU's status API instead of waiting for reconciliation.
 */
export const NOTIFICATION_REFERENCE_FIELDS = {
  /** The merchant's own reference (ours: the payment's `partnerReferenceNo`). */
  partner: ['originalPartnerReferenceNo', 'partnerReferenceNo'],
  /** DOKU's reference. */
  doku: ['originalReferenceNo', 'referenceNo'],
} as const;

/**
 * How `lineItems[].price` travels in SNAP bodies (GUESS, no source decides): doku-api.md §4.4 and
 * §5.6 show a decimal string (`"123.45"`, SNAP money style); DOKU's own Node SDK types it as a
 * number in its payment model. Both are accepted on input; the kit sends this form.
 */
export const LINE_ITEM_PRICE_FORMS_ACCEPTED = ['string', 'number'] as const;

/**
 * Where a new `bankCardToken` travels in DOKU's answers and notifications (GUESS): at the top level,
 * as [SEED-001]'s binding response carries it (doku-api.md §5.3). No source places it for
 * notifications or the status answer; readers also accept it in `additionalInfo` (the Node SDK's
 * notification model keeps extra fields there).
 */
export const BANK_CARD_TOKEN_AT_TOP_LEVEL = true;

/**
 * The BIN (first 8 digits) of each KKI issuer's cards, keyed by the kit's issuer id (INFERENCE):
 * KKI cards are national-scheme (GPN) cards, whose IIN is `9360` followed by the issuing bank's
 * 4-digit code (BRI 0002, Mandiri 0008, BJB 0110, DKI 0111, BPD Bali 0129). DOKU publishes no KKI BIN
 * list: doku-api.md §5.1 and seed 000 name only the issuers. `@kki-kit/contract`'s `KKI_ISSUERS`
 * (and with it card-number recognition in the form, the BFF and the sandbox) reads these.
 */
export const KKI_ISSUER_BIN_PREFIXES = {
  bri: '93600002',
  mandiri: '93600008',
  bjb: '93600110',
  dki: '93600111',
  bpd_bali: '93600129',
} as const;

/**
 * Answers of DOKU's SNAP layer, given before a KKI service reads the request, so read by SNAP's
 * table (§6.3) even on a KKI service rather than by the KKI case table (GUESS, doku-api.md §1.4,
 * §2.3, §6.3): any case at `anyCase` statuses (rate limiting 429, gateway timeout 504; seed 001
 * lists neither for KKI), and the status/case pairs of `pairs`: an invalid or unknown B2B token
 * (`401-01`, `401-03`, which the client answers by fetching a new token), the `409-00` for a
 * repeated `X-EXTERNAL-ID`, and `500-00`. Seed 001 names case 00 "General / Format Error" and lists
 * 500 among a service's statuses; with a 5xx only SNAP's "General Error" (a failure at DOKU) fits,
 * never a format error the shop could mend, so staff are not told to fix their DOKU settings when
 * DOKU failed (the outcome stays unknown either way: the client reads every 5xx so).
 * `@kki-kit/contract`'s `kkiErrorFromSnap` reads these.
 */
export const SNAP_LAYER_ANSWERS = {
  anyCase: [429, 504],
  pairs: { 401: ['01', '03'], 409: ['00'], 500: ['00'] },
} as const satisfies {
  readonly anyCase: readonly number[];
  readonly pairs: Readonly<Record<number, readonly string[]>>;
};

/**
 * How a SNAP `responseMessage` words a field error (GUESS, doku-api.md §9 item 13: DOKU's exact
 * `responseMessage` strings are unconfirmed): as SNAP's table writes rows 400-01 and 400-02 (§6.3),
 * "Invalid Field Format {field}" and "Invalid Mandatory Field {field}", with `{field}` the request
 * field's path (`additionalInfo.email`, `bankCardNo`, names from §5 and [SEED-001]). Plain words,
 * matched case-insensitively at the message's start; `@kki-kit/contract` reads a KKI case-00 message
 * and names the form field with them.
 */
export const SNAP_FIELD_ERROR_WORDING = {
  format: 'Invalid Field Format',
  mandatory: 'Invalid Mandatory Field',
} as const;

/**
 * Non-SNAP `errors.code` values no source shows, with their `errors.type` (GUESS: §7.1 documents the
 * `{"errors":{"code","message","type"}}` envelope and seeds 002/003 only `INVALID_PARAMETER`): the
 * codes the offline sandbox answers header, signature, idempotency and state failures with, so the
 * kit reads them precisely. `@kki-kit/contract`'s `NON_SNAP_ERROR_CODES` gives each its reading.
 */
export const NON_SNAP_UNDOCUMENTED_ERROR_TYPES = {
  INVALID_HEADER: 'Invalid Header',
  INVALID_CLIENT_ID: 'Unauthorized',
  INVALID_SIGNATURE: 'Unauthorized',
  INVALID_TIMESTAMP: 'Unauthorized',
  DUPLICATE_REQUEST_ID: 'Conflict',
  NOT_FOUND: 'Not Found',
  INVALID_TRANSACTION_STATUS: 'Invalid Transaction Status',
  INTERNAL_SERVER_ERROR: 'Internal Server Error',
} as const;

/**
 * SNAP services whose errors follow [SEED-001]'s KKI case table, by name (`SNAP_SERVICE_CODES`):
 * binding (01) and unbinding (05), which the seed gives it for, and the KKI payment (54) and refund
 * (58) (INFERENCE: same KKI channel and cardholder-level cases). OTP verification (04) and the debit
 * status (55) keep SNAP's table (§6.3): their failures are SNAP's own (OTP blocked / expired,
 * transaction not found), which the KKI table lacks. `@kki-kit/contract`'s `KKI_SERVICE_CODES`.
 */
export const KKI_CASE_TABLE_SERVICES = ['cardBind', 'cardUnbind', 'payment', 'refund'] as const;

// DOKU Checkout (doku-api.md §7.7). Sources: [DOC-CHK-BE] developers.doku.com/accept-payments/
// doku-checkout/integration-guide/backend-integration; [DOC-CHK-JOKUL] dashboard.doku.com/docs/docs/
// jokul-checkout/section/jokul-checkout-simple-request-sample; [DOC-NS-STATUS] developers.doku.com/
// get-started-with-doku-api/check-status-api/non-snap; [PLUGIN-WOO] / [PLUGIN-MAGENTO] DOKU's official
// `doku-woocommerce-plugin` @96a57f3 and `doku-magento-plugin` @97cc9a2; [3P-CHK] a third-party
// capture, in public code, of a DOKU staging Checkout answer and a Checkout VA notification (2025-12).

/**
 * `payment.payment_method_types` values of the two card paths. `CREDIT_CARD` is documented
 * ([PLUGIN-MAGENTO] `etc/config.xml`, [DOC-CHK-BE]). `KARTU_KREDIT_INDONESIA` appears in no DOKU
 * document (INFERENCE): [3P-CHK]'s staging answer lists it among the merchant's active method types,
 * and it is the KKI channel name of the SNAP API (§5.3).
 */
export const CHECKOUT_METHOD_TYPES = {
  kki: 'KARTU_KREDIT_INDONESIA',
  card: 'CREDIT_CARD',
} as const;

/**
 * `channel.id` / `service.id` values that name the path a Checkout shopper used, in the status answer
 * and the notification (GUESS for KKI: no source shows a KKI Checkout notification; the card values
 * follow the card notification envelope of §7.6, `service.id` and `channel.id` `CREDIT_CARD`). The
 * method-type names are accepted too, since [3P-CHK]'s Checkout notification uses them as `channel.id`.
 */
export const CHECKOUT_CHANNEL_IDS = {
  kki: ['KARTU_KREDIT_INDONESIA', 'KKI'],
  card: ['CREDIT_CARD'],
} as const;

/**
 * `payment.payment_due_date` bounds in minutes (GUESS on the maximum): [DOC-CHK-BE] says "Default: 60
 * minutes. Max…" (cut off in every stored copy); [DOC-CHK-JOKUL] gives "Max Length: 8" digits. The
 * kit refuses 0 and more than 8 digits.
 */
export const CHECKOUT_DUE_MINUTES_RANGE = { min: 1, max: 99_999_999 } as const;

/**
 * Max `customer.id` length: 50, as DOKU's tokenization API gives it ([DOC-TOKV1] "customer.id … Max
 * Length: 50"); GUESS that Checkout, whose tokenization keys on the same id (seed 004), has the same.
 */
export const CHECKOUT_CUSTOMER_ID_MAX = 50;

/**
 * How `response.payment.expired_date` is written (GUESS, no DOKU document gives it, §7.7; INFERENCE from [3P-CHK]: `"expired_date":
 * "20251204145732"` next to `"expired_datetime": "2025-12-04T07:57:32Z"`): `yyyyMMddHHmmss` in WIB
 * (UTC+7). `expired_datetime`, when present, is read first.
 */
export const CHECKOUT_EXPIRED_DATE_FORMAT = { pattern: 'yyyyMMddHHmmss', utcOffsetMinutes: 420 } as const;

/**
 * Whether the kit sends `order.disable_retry_payment: true` (GUESS on the effect, [DOC-CHK-BE] sample
 * has the field): [DOC-NS-STATUS] calls `FAILED` not final ("generate new payment request"), and
 * DOKU's page lets the shopper try again after a failure unless told not to. With `true`, a `FAILED`
 * answer ends the checkout, which the kit reads as failed; a new attempt is a new checkout.
 */
export const CHECKOUT_DISABLE_RETRY_PAYMENT = true;

/**
 * Where a Checkout status answer or notification carries the masked card number, searched in order
 * (GUESS: `card_payment.masked_card_number` is the card notification's field [3P-SUM] §7.6;
 * `card.masked` the capture answer's, §7.2).
 */
export const CHECKOUT_MASKED_CARD_FIELDS = [
  ['card_payment', 'masked_card_number'],
  ['card', 'masked'],
] as const;

/**
 * Where the saved-card token of a Checkout tokenization travels (GUESS: seed 004 says the card is
 * saved, not where the token appears; `card.token` is the capture answer's field, §7.2). Never
 * `payment.token_id`, which names the Checkout page itself ([3P-CHK]).
 */
export const CHECKOUT_CARD_TOKEN_FIELDS = [
  ['card', 'token'],
  ['card_payment', 'token'],
] as const;

/**
 * Which refund API takes back a Checkout payment, per path (GUESS for KKI, no source): the card
 * refund (`/cancellation/credit-card/refund`, §7.3) for both. A Checkout payment is known to the
 * merchant only by `invoice_number` and the Checkout request's `Request-Id`, exactly what the card
 * refund asks for (`order.invoice_number`, `payment.original_request_id`, [SEED-003]); the SNAP debit
 * refund needs the `originalPartnerReferenceNo` of a SNAP payment (§5.7), which a KKI payment made on
 * DOKU's page never had.
 */
export const CHECKOUT_REFUND_API: {
  readonly card: 'card-refund';
  readonly kki: 'snap-debit-refund' | 'card-refund';
} = { card: 'card-refund', kki: 'card-refund' };

/**
 * What DOKU's status API says of a Checkout the shopper cancelled on DOKU's page (GUESS: no source
 * describes it; [DOC-NS-STATUS] lists no cancelled status). `EXPIRED`: the page is closed for good,
 * as at its due date. The sandbox answers it, and `checkoutOutcomeOf` reads it as `expired`.
 */
export const CHECKOUT_CANCELLED_STATUS = 'EXPIRED' as const;

/**
 * How long DOKU's hosted card page takes a payment (GUESS): [SEED-002] documents no lifetime for the
 * Cards payment page, and its request has no due-date field; 60 minutes is DOKU Checkout's default
 * `payment_due_date` (doku-api.md §7.7). The BFF shows this deadline on the frame and expires the
 * payment once it has passed (DOKU's later success still counts); the sandbox closes its page then.
 */
// Literal milliseconds (60 minutes): esbuild keeps an unused product of literals in browser bundles.
export const CARD_PAGE_LIFETIME_MS = 3_600_000;

/**
 * How long DOKU holds a card authorization before releasing it uncaptured: [SEED-002] "AUTHORIZE
 * (capture within 7 days else auto-released)" (doku-api.md §7.1). INFERENCE: counted from the
 * authorization; the moment of release is not documented. The BFF asks DOKU about an authorization
 * still uncaptured past it (a release frees the order); the sandbox releases at it.
 */
// 7 days, as literal milliseconds (see CARD_PAGE_LIFETIME_MS).
export const CARD_AUTHORIZATION_HOLD_MS = 604_800_000;

/**
 * The iframe `sandbox` tokens for DOKU's card page (GUESS from what the page does). DOKU documents
 * only the step "Display payment URL (Cards payment page)", as an iFrame or a redirect ([SEED-002];
 * developers.doku.com/accept-payments/direct-api/non-snap/cards/payment-page-integration-guide), and
 * DOKU Checkout's own embedding is DOKU's script (jokul-checkout JS, developers.doku.com/
 * accept-payments/doku-checkout/integration-guide/frontend-integration); neither names a sandbox list:
 * `allow-scripts` (the page at `/wt-frontend-transaction/dynamic-payment-page` is a script-driven
 * front end, [SEED-002] URL format), `allow-same-origin` (it and the issuer's 3-D Secure pages keep
 * their session and call their own origin; without it they run with an opaque origin, and the kit
 * could not check the sender of their messages), `allow-forms` (the card form and the 3-D Secure
 * challenge post), `allow-popups` (the issuer's or DOKU's help links open a window). No top
 * navigation: DOKU sends the customer to `callback_url` / `failed_url` inside the frame
 * (`auto_redirect`), and the kit's return page tells the frame by message. A page served from the
 * shop's own origin (the offline sandbox mounted in the shop) cannot be sandboxed with scripts and
 * its origin (browsers warn it can lift its own sandbox), so the frame sets none there.
 */
export const CARD_PAGE_FRAME_SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-popups' as const;

/**
 * The message a card page may post to size its frame: `{ type, height }` in CSS pixels. DOKU
 * documents no such message in either guide cited at `CARD_PAGE_FRAME_SANDBOX` (GUESS: DOKU's page
 * posts none, hence `CARD_PAGE_FALLBACK_HEIGHT_PX`; the offline sandbox's pages post it on load and
 * on every resize). The frame accepts it only from the page's own origin and its own frame.
 */
export const CARD_PAGE_HEIGHT_MESSAGE_TYPE = 'kki-kit:card-page-height' as const;

/**
 * The frame's height until (or unless) the page posts its own, CSS pixels (GUESS): tall enough for
 * the sandbox's page with an installment plan and a saved card at 390 px wide, so DOKU's pay button
 * stays reachable when DOKU's page posts no height (then it scrolls inside the frame).
 */
export const CARD_PAGE_FALLBACK_HEIGHT_PX = 760;

/**
 * Whether `payment.tenor` fixes the tenor on DOKU's card page (GUESS, close to the text): [SEED-002]
 * says `payment.tenor` "becomes mandatory if transaction type is INSTALLMENT, to specify which tenor
 * you want this transaction to be processed with", and does not say whether the page still offers
 * other tenors. The kit reads it as the shopper's choice, made once in the shop: the sandbox's page
 * shows that plan fixed instead of a tenor menu (plus "pay in full" when `allow_tenor` holds 0).
 */
export const CARD_PAGE_TENOR_FIXED_BY_REQUEST = true;

/**
 * How the shop's language reaches DOKU's KKI pages, the binding's OTP page and the issuer-app
 * confirmation (GUESS: it cannot online): SNAP card binding and payment document no language field
 * ([SEED-001] binding schema, doku-api.md §5.3 and §5.6), unlike the card page's
 * `override_configuration.themes.language` ([SEED-002]). Offline, the BFF adds this query parameter
 * (`id` | `en`) to the embedded sandbox's page URLs and the sandbox renders its pages in it; URLs of
 * DOKU's hosts are left as DOKU sent them.
 */
export const OFFLINE_PAGE_LANGUAGE_PARAM = 'lang' as const;

/**
 * The HTTP status with which DOKU's Non-SNAP order-status API (`GET /orders/v1/status/{invoice}`,
 * Checkout and Cards) says it has no such order (GUESS): doku-api.md §7.5 documents the call but no
 * error answer; 404 is HTTP's "not found" and what the offline sandbox answers. Only this answer lets
 * the kit expire a past-due page without DOKU's final word: any other refusal (a 401 for a signature
 * or a clock, a 400) says nothing about the page, and expiring on it could hide a payment DOKU took.
 */
export const NON_SNAP_ORDER_NOT_FOUND_HTTP_STATUS = 404;

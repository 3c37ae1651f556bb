// Which KKI path the BFF serves, decided on the server: DOKU Checkout (the card typed on DOKU's page)
// or host-to-host (the CPAN and OTT through the merchant's server, for PCI DSS merchants only).
import type { CheckoutChannel, KkiIntegration } from '@kki-kit/contract';
import * as z from 'zod';

/** The KKI integration option of `createKkiBff`. */
export interface KkiIntegrationOptions {
  /**
   * `'checkout'` (default): KKI on DOKU Checkout's page; no route of this BFF takes a card number or
   * one-time token. `'h2h'`: the host-to-host KKI API (KkiPayButton's card field, KkiBindCard),
   * which needs `pciDss: true`.
   */
  integration?: KkiIntegration;
  /**
   * The merchant states it is PCI DSS certified. DOKU offers the host-to-host KKI API only to
   * certified merchants (DOKU's "Integration Option" page); required for `integration: 'h2h'`.
   */
  pciDss?: boolean;
}

/** DOKU Checkout settings of `createKkiBff`. */
export interface CheckoutOptions {
  /** What DOKU Checkout's page offers (default both): KKI and/or credit cards. */
  methods?: CheckoutChannel[];
  /** Minutes the customer has on DOKU's page (`payment_due_date`; default 60). */
  dueMinutes?: number;
  /**
   * The shop page a customer comes back to after a full-page redirect to DOKU Checkout, when the
   * browser names none; default `returnUrls.success`, else the first allowed origin.
   */
  returnUrl?: string;
}

/** The integration after validation. */
export interface ResolvedIntegration {
  kki: { integration: KkiIntegration; pciDss: boolean };
  /** `null`: DOKU Checkout is off (only possible with `'h2h'`). */
  checkout: { methods: CheckoutChannel[]; dueMinutes: number; returnUrl: string } | null;
}

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' });

/** The shape of the two options (the rules between them are {@link resolveIntegration}'s). */
export const integrationOptionsSchema = {
  kki: z
    .object({
      integration: z.enum(['checkout', 'h2h'], { error: 'must be "checkout" or "h2h"' }).optional(),
      pciDss: z.boolean({ error: 'must be true or false' }).optional(),
    })
    .optional(),
  checkout: z
    .union([
      z.literal(false),
      z.object({
        methods: z
          .array(z.enum(['kki', 'card']), { error: 'must list "kki" and/or "card"' })
          .min(1, { error: 'must list "kki" and/or "card"' })
          .optional(),
        dueMinutes: z
          .number({ error: 'must be a number' })
          .int({ error: 'must be whole minutes' })
          .min(1)
          .max(60 * 24 * 30)
          .optional(),
        returnUrl: httpUrl.optional(),
      }),
    ])
    .optional(),
};

/** The message naming why H2H needs `pciDss: true`. */
export const H2H_NEEDS_PCI_DSS =
  'kki.integration "h2h" needs kki.pciDss: true (KKI_PCI_DSS=true): the host-to-host KKI API sends the card number and one-time token through your server, which DOKU allows only to PCI DSS certified merchants. Without certification use kki.integration "checkout" (the default), where DOKU\'s page takes the card.';

/**
 * Resolves the integration; `problems` gets one message per rule broken (H2H without `pciDss: true`,
 * Checkout switched off while it is the KKI path). `defaultReturnUrl` is the shop page used when
 * `checkout.returnUrl` is not set.
 */
export function resolveIntegration(
  kki: KkiIntegrationOptions | undefined,
  checkout: CheckoutOptions | false | undefined,
  defaultReturnUrl: string,
  problems: string[],
): ResolvedIntegration {
  const integration = kki?.integration ?? 'checkout';
  const pciDss = kki?.pciDss === true;
  if (integration === 'h2h' && !pciDss) problems.push(H2H_NEEDS_PCI_DSS);
  if (integration === 'checkout' && checkout === false) {
    problems.push(
      'checkout cannot be false with kki.integration "checkout": DOKU Checkout is then the only KKI path',
    );
  }
  const methods = checkout === false ? [] : [...new Set(checkout?.methods ?? (['kki', 'card'] as const))];
  return {
    kki: { integration, pciDss },
    checkout:
      checkout === false
        ? null
        : {
            methods,
            dueMinutes: checkout?.dueMinutes ?? 60,
            returnUrl: checkout?.returnUrl ?? defaultReturnUrl,
          },
  };
}

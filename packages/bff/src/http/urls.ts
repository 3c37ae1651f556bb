// Every URL under the BFF's public URL (its mount path included) is built here, so the
// notification URLs DOKU is given, the paths DOKU signs, the return links and the OpenAPI server
// all agree. The shop pages the customer is sent back to are built here too.
import { CHECKOUT_RETURN_PARAMS } from '@kki-kit/contract';

/** The part of the resolved config BFF URLs are built from. */
export interface PublicUrlConfig {
  readonly publicUrl: URL;
}

/** The BFF's public URL joined with `path` (relative to the mount, e.g. `/notifications/kki`; `''` for the base). */
export function bffUrl(config: PublicUrlConfig, path: string): string {
  return `${config.publicUrl.href.replace(/\/+$/, '')}${path}`;
}

/** The path part of {@link bffUrl}: what a request to that URL carries (and what DOKU signs). */
export function bffPath(config: PublicUrlConfig, path: string): string {
  return `${config.publicUrl.pathname.replace(/\/+$/, '')}${path}`;
}

/**
 * The shop's page `shopPage` naming the payment the customer comes back from (`?kki_payment=`), and
 * its status when known. Only a pointer: the shop reads the payment from the BFF, with its session.
 */
export function shopReturnUrl(shopPage: string, paymentId: string, status?: string): string {
  const url = new URL(shopPage);
  url.searchParams.set(CHECKOUT_RETURN_PARAMS.paymentId, paymentId);
  if (status !== undefined) url.searchParams.set(CHECKOUT_RETURN_PARAMS.status, status);
  return url.href;
}

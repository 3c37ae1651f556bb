// The issuer-app link as a QR code, drawn here rather than in the browser: the shopper on a desktop
// scans it with the phone that has the bank's app, and the browser bundles carry no QR encoder.
import { renderSVG } from 'uqr';

/**
 * An SVG QR code of `url`. Error correction `M` (15 %): a phone camera reading a screen tolerates
 * glare, and the code stays small enough for a 160 px image; the default quiet zone of 2 modules is
 * widened to 4, the size the QR standard asks for.
 */
export function appLinkQrSvg(url: string): string {
  return renderSVG(url, { ecc: 'M', border: 4 });
}

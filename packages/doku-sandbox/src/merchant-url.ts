// Merchant-supplied URLs on their way into the hosted pages: only http(s) targets are followed or
// linked, a redirect goes to the parsed (percent-encoded) URL, and an origin enters a CSP header only
// as a plain `scheme://host[:port]` source, so a `;` or a space in a merchant URL cannot add a
// directive.

/** Whether `value` is an absolute http(s) URL. */
export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The URL to send the customer to: `url` parsed and serialised, or null when it is not http(s). */
export function merchantTarget(url: string | null | undefined): string | null {
  if (!url || !isHttpUrl(url)) return null;
  return new URL(url).href;
}

// CSP host-source (CSP3 §2.3.1): host characters are letters, digits and hyphens between dots.
const CSP_HOST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d{1,5})?$/;

/** `url`'s origin as a CSP source expression, or null when it cannot be one (not http(s), odd host). */
export function cspSource(url: string | null | undefined): string | null {
  if (!url || !isHttpUrl(url)) return null;
  const u = new URL(url);
  return CSP_HOST.test(u.host) ? `${u.protocol}//${u.host}` : null;
}

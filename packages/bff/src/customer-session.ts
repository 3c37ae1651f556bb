// The customer cookie, framework-neutral: the login side signs it, `authenticate` reads it. One
// format for every server: hono's signed cookie (`<id>.<base64 HMAC-SHA256>`, URL-encoded), which
// `getSignedCookie` reads too. Express's signed cookies (`s:<id>.<base64 without padding>`, what
// `res.cookie(…, { signed: true })` and cookie-parser write) carry the same HMAC and are read as well.
import { customerIdSchema } from '@kki-kit/contract';
import { timingSafeEqual, toBase64 } from '@kki-kit/doku';
import { parse, serialize, serializeSigned } from 'hono/utils/cookie';
import {
  CUSTOMER_SESSION_SECRET_MIN_LENGTH,
  customerSessionProblems,
  DEFAULT_CUSTOMER_COOKIE,
  KkiBffConfigError,
} from './config.js';
import type { AuthenticateHook, CustomerSessionOptions } from './config-options.js';
import { macBytes } from './session-token.js';

export type { CustomerSessionOptions } from './config-options.js';
export { CUSTOMER_SESSION_SECRET_MIN_LENGTH, DEFAULT_CUSTOMER_COOKIE };

const DEFAULT_MAX_AGE_SECONDS = 8 * 3600;

/** Where a customer id is read from: a `Request`, its `Headers`, or a `Cookie` header's value. */
export type CookieSource = Request | Headers | string | null | undefined;

/** Signs and reads the customer cookie. Create it once per process with {@link createCustomerSession}. */
export interface CustomerSession {
  readonly cookieName: string;
  /** The cookie's value for `customerId` (URL-encoded, as it goes after `name=`). */
  sign(customerId: string): Promise<string>;
  /** A whole `Set-Cookie` header value signing the customer in (HttpOnly, SameSite=Lax, Path=/). */
  setCookie(customerId: string): Promise<string>;
  /** A `Set-Cookie` header value signing the customer out. */
  clearCookie(): string;
  /** The signed-in customer's id, or null when the cookie is missing, altered or signed with another secret. */
  verify(source: CookieSource): Promise<string | null>;
  /** An `authenticate` hook for `createKkiBff` reading this cookie. */
  readonly authenticate: AuthenticateHook;
}

function cookieHeaderOf(source: CookieSource): string | null {
  if (source === null || source === undefined) return null;
  if (typeof source === 'string') return source;
  // Duck-typed: frameworks hand out Headers of their own (Next.js's `headers()` is an adapter that
  // also has a `headers` field), so what has `get` is headers, anything else a request.
  return 'get' in source && typeof source.get === 'function'
    ? source.get('cookie')
    : (source as Request).headers.get('cookie');
}

const noPadding = (base64: string) => base64.replace(/=+$/, '');

/**
 * Signs and reads the customer cookie with `secret`, the same way whatever the framework: Express,
 * a Next.js route handler or Server Action, plain `node:http`, Hono.
 *
 * @throws KkiBffConfigError when `secret` is missing or shorter than 32 characters (naming the
 * option, never its value), so a server without its secret stops at start-up instead of answering
 * every request with 500.
 */
export function createCustomerSession(options: CustomerSessionOptions): CustomerSession {
  const problems = customerSessionProblems(options, '');
  if (problems.length > 0) throw new KkiBffConfigError(problems);
  const secret = options.secret as string;
  const cookieName = options.cookieName ?? DEFAULT_CUSTOMER_COOKIE;
  const attributes = {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax' as const,
    secure: options.secure ?? true,
  };
  const signature = async (value: string) => toBase64(await macBytes(secret, value));

  async function sign(customerId: string): Promise<string> {
    // The contract's customer id; control characters would also end the cookie header.
    if (!customerIdSchema.safeParse(customerId).success || /\p{Cc}/u.test(customerId)) {
      throw new TypeError('customerId must be 1-64 characters without control characters');
    }
    return encodeURIComponent(`${customerId}.${await signature(customerId)}`);
  }

  async function verify(source: CookieSource): Promise<string | null> {
    const header = cookieHeaderOf(source);
    if (!header) return null;
    const raw = parse(header, cookieName)[cookieName];
    if (raw === undefined) return null;
    // Express's signed cookies say so with `s:`; the HMAC under them is the same.
    const signed = raw.startsWith('s:') ? raw.slice(2) : raw;
    const dot = signed.lastIndexOf('.');
    if (dot < 1) return null;
    const value = signed.slice(0, dot);
    const given = noPadding(signed.slice(dot + 1));
    if (value.length > 64 || given.length !== 43) return null;
    return timingSafeEqual(given, noPadding(await signature(value))) ? value : null;
  }

  return {
    cookieName,
    sign,
    async setCookie(customerId) {
      await sign(customerId); // the same checks of the id
      return serializeSigned(cookieName, customerId, secret, {
        ...attributes,
        maxAge: options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS,
      });
    },
    clearCookie: () => serialize(cookieName, '', { ...attributes, maxAge: 0 }),
    verify,
    authenticate: (c) => verify(c.req.raw),
  };
}

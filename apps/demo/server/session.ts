// The demo's own customer session, as a merchant's shop would have one: a signed, HttpOnly,
// SameSite=Lax cookie set on the first visit. The BFF learns the customer from it through the
// `authenticate` hook; it never sees the cookie's secret. Each browser gets two customers
// ("A" and "B") so a visitor can switch and see that saved cards and orders are per customer.
// The signed value carries its own expiry, checked here: a copied cookie stops working on time
// whatever Max-Age the browser (or an attacker) keeps.
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { getSignedCookie, setSignedCookie } from 'hono/cookie';

const SESSION_COOKIE = 'demo_session';

/** How long a customer session lives without a visit; each visit past half of it renews it. */
export const CUSTOMER_SESSION_SECONDS = 60 * 60 * 24 * 30;

/** Which of the browser's two demo customers is active. */
export type CustomerSlot = 'a' | 'b';

/** The session as read from the cookie. */
export interface DemoSession {
  /** Random per browser. */
  browserId: string;
  slot: CustomerSlot;
  /** The id the BFF and the merchant API know the customer by. */
  customerId: string;
  /** When the server stops accepting this session (epoch seconds). */
  expiresAt: number;
}

const SESSION_VALUE = /^([A-Za-z0-9_-]{16,64})\.(a|b)\.(\d{1,12})$/;

/** The two demo customers' contact details (DOKU's card page needs an email or a phone). */
export const DEMO_CUSTOMERS: {
  readonly [S in CustomerSlot]: { name: string; email: string; phone: string };
} = {
  a: { name: 'Budi Santoso', email: 'budi@contoh.co.id', phone: '081234567890' },
  b: { name: 'Siti Rahayu', email: 'siti@contoh.co.id', phone: '081298765432' },
};

const nowSeconds = () => Math.floor(Date.now() / 1000);

function toSession(browserId: string, slot: CustomerSlot, expiresAt: number): DemoSession {
  return { browserId, slot, customerId: `cust_${browserId}_${slot}`, expiresAt };
}

/** Reads and checks the session cookie; null when absent, tampered with or expired. */
export async function readSession(c: Context, secret: string): Promise<DemoSession | null> {
  const raw = await getSignedCookie(c, secret, SESSION_COOKIE);
  if (typeof raw !== 'string') return null;
  const m = SESSION_VALUE.exec(raw);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  const expiresAt = Number(m[3]);
  return expiresAt > nowSeconds() ? toSession(m[1], m[2] as CustomerSlot, expiresAt) : null;
}

/** Whether `session` is old enough to be renewed on this visit. */
export function needsRenewal(session: DemoSession): boolean {
  return session.expiresAt - nowSeconds() < CUSTOMER_SESSION_SECONDS / 2;
}

/** Sets the session cookie for `browserId` and `slot`, valid for {@link CUSTOMER_SESSION_SECONDS}. */
export async function writeSession(
  c: Context,
  secret: string,
  browserId: string,
  slot: CustomerSlot,
  secure: boolean,
): Promise<DemoSession> {
  const expiresAt = nowSeconds() + CUSTOMER_SESSION_SECONDS;
  await setSignedCookie(c, SESSION_COOKIE, `${browserId}.${slot}.${expiresAt}`, secret, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    maxAge: CUSTOMER_SESSION_SECONDS,
  });
  return toSession(browserId, slot, expiresAt);
}

/** A new random browser id. */
export function newBrowserId(): string {
  return randomBytes(12).toString('base64url');
}

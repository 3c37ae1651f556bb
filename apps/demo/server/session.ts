// The demo's own customer session, as a merchant's shop would have one: a signed, HttpOnly,
// SameSite=Lax cookie set on the first visit. The BFF learns the customer from it through the
// `authenticate` hook; it never sees the cookie's secret. Each browser gets two customers
// ("A" and "B") so a visitor can switch and see that saved cards and orders are per customer.
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { getSignedCookie, setSignedCookie } from 'hono/cookie';

const SESSION_COOKIE = 'demo_session';
const STAFF_COOKIE = 'demo_staff';

/** Which of the browser's two demo customers is active. */
export type CustomerSlot = 'a' | 'b';

/** The session as read from the cookie. */
export interface DemoSession {
  /** Random per browser. */
  browserId: string;
  slot: CustomerSlot;
  /** The id the BFF and the merchant API know the customer by. */
  customerId: string;
}

const SESSION_VALUE = /^([A-Za-z0-9_-]{16,64})\.(a|b)$/;

/** The two demo customers' contact details (DOKU's card page needs an email or a phone). */
export const DEMO_CUSTOMERS: {
  readonly [S in CustomerSlot]: { name: string; email: string; phone: string };
} = {
  a: { name: 'Budi Santoso', email: 'budi@contoh.co.id', phone: '081234567890' },
  b: { name: 'Siti Rahayu', email: 'siti@contoh.co.id', phone: '081298765432' },
};

function toSession(browserId: string, slot: CustomerSlot): DemoSession {
  return { browserId, slot, customerId: `cust_${browserId}_${slot}` };
}

/** Reads and checks the session cookie; null when absent or tampered with. */
export async function readSession(c: Context, secret: string): Promise<DemoSession | null> {
  const raw = await getSignedCookie(c, secret, SESSION_COOKIE);
  if (typeof raw !== 'string') return null;
  const m = SESSION_VALUE.exec(raw);
  return m?.[1] && m[2] ? toSession(m[1], m[2] as CustomerSlot) : null;
}

/** Sets the session cookie for `browserId` and `slot`. */
export async function writeSession(
  c: Context,
  secret: string,
  browserId: string,
  slot: CustomerSlot,
  secure: boolean,
): Promise<DemoSession> {
  await setSignedCookie(c, SESSION_COOKIE, `${browserId}.${slot}`, secret, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    maxAge: 60 * 60 * 24 * 30,
  });
  return toSession(browserId, slot);
}

/** A new random browser id. */
export function newBrowserId(): string {
  return randomBytes(12).toString('base64url');
}

/** Whether the caller signed in as staff (a signed cookie set after the staff password). */
export async function isStaff(c: Context, secret: string): Promise<boolean> {
  return (await getSignedCookie(c, secret, STAFF_COOKIE)) === '1';
}

/** Marks the browser as staff, or (with `on: false`) signs staff out. */
export async function writeStaff(c: Context, secret: string, on: boolean, secure: boolean): Promise<void> {
  await setSignedCookie(c, STAFF_COOKIE, on ? '1' : '0', secret, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    maxAge: on ? 60 * 60 * 8 : 0,
  });
}

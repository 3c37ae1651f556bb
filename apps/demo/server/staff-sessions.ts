// Staff sign-in sessions: a random id per sign-in, kept on the server with its expiry, in a signed
// HttpOnly cookie. Logout deletes the id, so a copied cookie stops working with it. Kept in memory:
// a restart signs staff out, which suits a demo (a shop would keep them in its database).
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';

const STAFF_COOKIE = 'demo_staff';
const ID = /^[A-Za-z0-9_-]{43}$/;

/** How long a staff sign-in lasts. */
export const STAFF_SESSION_MS = 8 * 60 * 60 * 1000;

/** The staff sessions of one demo server. */
export interface StaffSessions {
  /** Whether the request carries a live staff session. */
  isStaff(c: Context): Promise<boolean>;
  /** Starts a new staff session and sets its cookie. */
  signIn(c: Context): Promise<void>;
  /** Revokes the request's staff session (if any) and clears its cookie. */
  signOut(c: Context): Promise<void>;
}

/** Staff sessions signed with `secret`; `now` is injectable for tests of the expiry. */
export function createStaffSessions(opts: {
  secret: string;
  secureCookies: boolean;
  now?: () => number;
}): StaffSessions {
  const now = opts.now ?? (() => Date.now());
  const live = new Map<string, number>();

  async function idOf(c: Context): Promise<string | null> {
    const raw = await getSignedCookie(c, opts.secret, STAFF_COOKIE);
    return typeof raw === 'string' && ID.test(raw) ? raw : null;
  }

  function prune(): void {
    const t = now();
    for (const [id, expiresAt] of live) if (expiresAt <= t) live.delete(id);
  }

  return {
    async isStaff(c) {
      const id = await idOf(c);
      const expiresAt = id === null ? undefined : live.get(id);
      return expiresAt !== undefined && expiresAt > now();
    },
    async signIn(c) {
      prune();
      // A sign-in replaces the browser's previous staff session.
      const previous = await idOf(c);
      if (previous !== null) live.delete(previous);
      const id = randomBytes(32).toString('base64url');
      live.set(id, now() + STAFF_SESSION_MS);
      await setSignedCookie(c, STAFF_COOKIE, id, opts.secret, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: opts.secureCookies,
        path: '/',
        maxAge: STAFF_SESSION_MS / 1000,
      });
    },
    async signOut(c) {
      const id = await idOf(c);
      if (id !== null) live.delete(id);
      deleteCookie(c, STAFF_COOKIE, { path: '/', secure: opts.secureCookies });
    },
  };
}

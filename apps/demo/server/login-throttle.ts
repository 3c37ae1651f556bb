// Limits staff password guesses: per client address, and for the staff account as a whole (so
// guesses spread over many addresses are limited too). Fixed windows in memory: the demo is one
// process. Only failed guesses count; once a limit is reached every attempt is refused until its
// window ends, the right password included, so guessing faster gains nothing.

/** Limits of {@link createLoginThrottle}. */
export interface LoginThrottleLimits {
  /** Failed guesses one address may make per window. */
  perAddress: number;
  /** Failed guesses all addresses together may make per window. */
  perAccount: number;
  windowMs: number;
}

/** The demo's limits: 5 wrong passwords per address, 20 in all, per 15 minutes. */
export const STAFF_LOGIN_LIMITS: LoginThrottleLimits = {
  perAddress: 5,
  perAccount: 20,
  windowMs: 15 * 60_000,
};

/** Counts failed staff sign-ins. */
export interface LoginThrottle {
  /** Whether `address` may try a password now. */
  allowed(address: string): boolean;
  /** Counts a wrong password from `address`. */
  failed(address: string): void;
  /** Forgets `address`'s failures after a right password. */
  succeeded(address: string): void;
}

/** Failed guesses counted in one fixed window. */
interface FailureWindow {
  count: number;
  endsAt: number;
}

/** A throttle with `limits`; `now` is injectable for tests. */
export function createLoginThrottle(
  limits: LoginThrottleLimits = STAFF_LOGIN_LIMITS,
  now: () => number = () => Date.now(),
): LoginThrottle {
  const byAddress = new Map<string, FailureWindow>();
  let account: FailureWindow = { count: 0, endsAt: 0 };

  const live = (w: FailureWindow | undefined): FailureWindow | undefined =>
    w && w.endsAt > now() ? w : undefined;
  const bump = (w: FailureWindow | undefined): FailureWindow => {
    const open = live(w);
    return open
      ? { count: open.count + 1, endsAt: open.endsAt }
      : { count: 1, endsAt: now() + limits.windowMs };
  };

  return {
    allowed(address) {
      const a = live(byAddress.get(address));
      const all = live(account);
      return (a?.count ?? 0) < limits.perAddress && (all?.count ?? 0) < limits.perAccount;
    },
    failed(address) {
      // Expired windows are dropped as they are met, so the map stays at the live addresses.
      for (const [key, w] of byAddress) if (!live(w)) byAddress.delete(key);
      byAddress.set(address, bump(byAddress.get(address)));
      account = bump(account);
    },
    succeeded(address) {
      byAddress.delete(address);
    },
  };
}

// DOKU → BFF notifications. Not browser routes: no CSRF, no customer; the notification service
// verifies signatures (SNAP HMAC and RSA, Non-SNAP HMACSHA256), rejects stale timestamps,
// de-duplicates through the inbox and answers in DOKU's format.
import type { Hono } from 'hono';
import type { RouteDeps } from './define.js';

/** Paths of the notification endpoints, relative to the mount. */
export const NOTIFICATION_PATHS = {
  snap: '/notifications/kki',
  nonSnap: '/notifications/cards',
  /** The merchant B2B token DOKU asks for before an HMAC-mode SNAP notification (doku-api.md §4.2). */
  snapToken: '/notifications/kki/access-token/b2b',
} as const;

/** Mounts the notification endpoints when the notification service exists. */
export function registerNotificationRoutes(app: Hono, deps: RouteDeps): void {
  const service = deps.services.notifications;
  if (!service) return;
  deps.mounted.add('dokuSnapNotification').add('dokuCardsNotification');
  app.post(NOTIFICATION_PATHS.snap, (c) => service.snap(c));
  app.post(NOTIFICATION_PATHS.nonSnap, (c) => service.nonSnap(c));
  const token = service.snapToken;
  if (token) {
    deps.mounted.add('dokuSnapNotificationToken');
    app.post(NOTIFICATION_PATHS.snapToken, (c) => token(c));
  }
}

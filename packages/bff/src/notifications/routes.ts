// DOKU → BFF notifications. Not browser routes: no CSRF, no customer; the notification service
// verifies signatures (SNAP HMAC and RSA, Non-SNAP HMACSHA256), rejects stale timestamps,
// de-duplicates through the inbox and answers in DOKU's format.
import type { Context, Hono } from 'hono';
import { KkiDomainError } from '../errors.js';
import type { RouteDeps } from '../http/define.js';
import { NOTIFICATION_PATHS } from './paths.js';

// The marker the in-process sandbox's deliveries carry: a module-private symbol in the Hono `env`
// of the app's `fetch` call. A request from the network arrives with the server's env (Node's
// `incoming`/`outgoing`), and no header or body can put this symbol there.
const IN_PROCESS_DELIVERY = Symbol('kki-kit in-process delivery');

/**
 * The Hono `env` to call the BFF app's `fetch` with for a notification delivered in-process by the
 * offline sandbox (the only notifications an offline BFF accepts): `app.fetch(request, env)`.
 */
export function inProcessDeliveryEnv(): Record<symbol, true> {
  return { [IN_PROCESS_DELIVERY]: true };
}

function deliveredInProcess(c: Context): boolean {
  const env: unknown = c.env;
  return (
    typeof env === 'object' && env !== null && (env as Record<symbol, unknown>)[IN_PROCESS_DELIVERY] === true
  );
}

/** Mounts the notification endpoints when the notification service exists. */
export function registerNotificationRoutes(app: Hono, deps: RouteDeps): void {
  const service = deps.services.notifications;
  if (!service) return;
  // Offline, the DOKU keys are the sandbox's published test keys: anyone could sign a notification
  // with them, so only the in-process sandbox's deliveries count and the network is refused.
  const offline = deps.config.doku.environment === 'offline';
  const accept =
    (handle: (c: Context) => Response | Promise<Response>) =>
    (c: Context): Response | Promise<Response> => {
      if (offline && !deliveredInProcess(c)) {
        throw new KkiDomainError('forbidden', {
          internal: 'offline: notifications come from the in-process sandbox only',
        });
      }
      return handle(c);
    };
  deps.mounted.add('dokuSnapNotification').add('dokuCardsNotification');
  app.post(
    NOTIFICATION_PATHS.snap,
    accept((c) => service.snap(c)),
  );
  app.post(
    NOTIFICATION_PATHS.nonSnap,
    accept((c) => service.nonSnap(c)),
  );
  const token = service.snapToken;
  if (token) {
    deps.mounted.add('dokuSnapNotificationToken');
    app.post(
      NOTIFICATION_PATHS.snapToken,
      accept((c) => token(c)),
    );
  }
}

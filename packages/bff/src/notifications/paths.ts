// Where DOKU posts its notifications, relative to the BFF's mount: shared by the routes that
// answer them, the services that tell DOKU the URL or check the signed path, the DOKU connection
// and the OpenAPI document.

/** Paths of the notification endpoints, relative to the mount. */
export const NOTIFICATION_PATHS = {
  snap: '/notifications/kki',
  nonSnap: '/notifications/cards',
  /** The merchant B2B token DOKU asks for before an HMAC-mode SNAP notification (doku-api.md §4.2). */
  snapToken: '/notifications/kki/access-token/b2b',
} as const;

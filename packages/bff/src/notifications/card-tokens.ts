// DOKU's bankCardToken in a SNAP notification: a credential, so the inbox keeps the notification
// without it and the token sealed beside it (store/inbox.ts) until the notification is applied.
import { isMaskedCpan } from '@kki-kit/contract';

/**
 * The notification as the inbox keeps it: DOKU's `bankCardToken` is a credential, so it is dropped
 * (the card it names is saved sealed when the notification is applied), and so is a
 * `maskedCardNo` that is not masked (the schemas let any string through: it may be a card number
 * in clear). The kit reads neither from the stored copy.
 */
export function withoutTokens(body: object): unknown {
  const {
    bankCardToken: _top,
    additionalInfo,
    ...rest
  } = body as Record<string, unknown> & {
    additionalInfo?: Record<string, unknown>;
  };
  if (!additionalInfo) return rest;
  const { bankCardToken: _inner, maskedCardNo, ...info } = additionalInfo;
  return {
    ...rest,
    additionalInfo: { ...info, ...(isMaskedCpan(maskedCardNo) && { maskedCardNo }) },
  };
}

/** Where a notification carried DOKU's `bankCardToken`: what the inbox keeps sealed beside it. */
interface CarriedTokens {
  top?: string;
  info?: string;
}

/** The tokens `body` carries, as the inbox's sealed secret; undefined when it carries none. */
export function tokensOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { bankCardToken: top, additionalInfo } = body as Record<string, unknown>;
  const inner = tokenIn(additionalInfo);
  const carried: CarriedTokens = {
    ...(typeof top === 'string' && { top }),
    ...(inner !== undefined && { info: inner }),
  };
  return Object.keys(carried).length > 0 ? JSON.stringify(carried) : undefined;
}

/** A stored payload with the tokens it carried put back where they were (a replay's body). */
export function withTokens(payload: unknown, secret: string): unknown {
  if (typeof payload !== 'object' || payload === null) return payload;
  const carried = JSON.parse(secret) as CarriedTokens;
  const body = payload as Record<string, unknown> & { additionalInfo?: Record<string, unknown> };
  return {
    ...body,
    ...(carried.top !== undefined && { bankCardToken: carried.top }),
    ...(carried.info !== undefined && {
      additionalInfo: { ...body.additionalInfo, bankCardToken: carried.info },
    }),
  };
}

/** A `bankCardToken` kept in `additionalInfo` (where DOKU may put it instead of the top level). */
export function tokenIn(info: unknown): string | undefined {
  const v =
    typeof info === 'object' && info !== null ? (info as Record<string, unknown>).bankCardToken : undefined;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

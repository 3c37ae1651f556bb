// What the READMEs' examples call "yours": declared here, never implemented. Keep it to that.

/** Your own session lookup (packages/bff/README.md, Hooks). */
declare function sessionOf(request: Request): Promise<{ customerId: string; role: string } | null>;

/** Your own order fulfilment (packages/bff/README.md, events). */
declare function fulfil(orderId: string, eventId: string): Promise<void>;

/** pino, the logger the BFF README's logging example passes (not a dependency of the kit). */
declare module 'pino' {
  interface Logger {
    info(obj: object, msg?: string): void;
    warn(obj: object, msg?: string): void;
    error(obj: object, msg?: string): void;
    debug(obj: object, msg?: string): void;
  }
  export default function pino(): Logger;
}

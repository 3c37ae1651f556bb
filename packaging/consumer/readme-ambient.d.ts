// What the READMEs' examples call "yours": declared here, never implemented. Keep it to that.

/** Your own session lookup (packages/bff/README.md, Hooks). */
declare function sessionOf(request: Request): Promise<{ customerId: string; role: string } | null>;

// Caller-supplied text in the demo's log lines: control characters (a decoded %0A, an ANSI escape)
// and Unicode line separators are written as \uXXXX, so one request can never print a second line.

/** `text` with every control character and line separator escaped. */
export function logSafe(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029\\]/gu, (ch) =>
    ch === '\\' ? '\\\\' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

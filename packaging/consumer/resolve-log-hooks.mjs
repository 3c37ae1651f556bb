// The loader hook of resolve-log.mjs (it runs on Node's loader thread).
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  const log = process.env.KKI_RESOLVE_LOG;
  if (log) appendFileSync(log, `${specifier} ${resolved.url}\n`);
  return resolved;
}

// Every URL under the BFF's public URL (its mount path included) is built here, so the
// notification URLs DOKU is given, the paths DOKU signs, the return links and the OpenAPI server
// all agree.

/** The part of the resolved config BFF URLs are built from. */
export interface PublicUrlConfig {
  readonly publicUrl: URL;
}

/** The BFF's public URL joined with `path` (relative to the mount, e.g. `/notifications/kki`; `''` for the base). */
export function bffUrl(config: PublicUrlConfig, path: string): string {
  return `${config.publicUrl.href.replace(/\/+$/, '')}${path}`;
}

/** The path part of {@link bffUrl}: what a request to that URL carries (and what DOKU signs). */
export function bffPath(config: PublicUrlConfig, path: string): string {
  return `${config.publicUrl.pathname.replace(/\/+$/, '')}${path}`;
}

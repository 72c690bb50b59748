/**
 * For a route's `headers` export: React Router sends only Set-Cookie from loaders and actions by
 * itself; this forwards the action's headers (e.g. Retry-After) or else the loader's.
 */
export function forwardHeaders({
  actionHeaders,
  loaderHeaders,
}: {
  actionHeaders: Headers;
  loaderHeaders: Headers;
}): Headers {
  return [...actionHeaders.keys()].length > 0 ? actionHeaders : loaderHeaders;
}

import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@react-router/node";
import { isbot } from "isbot";
import type { RenderToPipeableStreamOptions } from "react-dom/server";
import { renderToPipeableStream } from "react-dom/server";
import {
  isRouteErrorResponse,
  ServerRouter,
  type EntryContext,
  type RouterContextProvider,
} from "react-router";
import { logger } from "#app/utils/logger.server.ts";
import { requestIdContext } from "#app/utils/request-context.server.ts";
import { RequestIdProvider } from "#app/utils/request-id.ts";
import { nonceContext } from "#app/utils/security.server.ts";

// Start-up work the custom server (server.js) reaches through the build.
export { startDatabase } from "#app/modules/db/startup.server.ts";
export { startExportThreads } from "#app/modules/reports/export-pool.server.ts";
export { clientIpContext, requestIdContext } from "#app/utils/request-context.server.ts";

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  if (request.method.toUpperCase() === "HEAD") {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }
  const nonce = loadContext.get(nonceContext);
  const requestId = loadContext.get(requestIdContext);

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get("user-agent");
    // Bots get the whole page at once; browsers get the shell as soon as it is ready.
    const readyOption: keyof RenderToPipeableStreamOptions =
      (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? "onAllReady" : "onShellReady";

    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(
      () => abort(),
      streamTimeout + 1000,
    );

    const { pipe, abort } = renderToPipeableStream(
      <RequestIdProvider value={requestId}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </RequestIdProvider>,
      {
        nonce,
        [readyOption]() {
          shellRendered = true;
          const body = new PassThrough({
            final(callback) {
              clearTimeout(timeoutId);
              timeoutId = undefined;
              callback();
            },
          });
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          pipe(body);
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors during the shell reject above and are logged by React Router.
          if (shellRendered) logRequestError(error, request, requestId, "rendering failed");
        },
      },
    );
  });
}

/**
 * Errors thrown while a request was handled, logged once with where they happened and the
 * request's id (the error page's reference). A request the client gave up on (closed tab,
 * cancelled download) is not an error of the server's.
 */
export function handleError(
  error: unknown,
  { request, context }: { request: Request; context?: RouterContextProvider | unknown },
) {
  if (request.signal.aborted) return;
  // The router's own answers to a bad request (no route matches, a method no route takes) are
  // the client's error, not the server's.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  let requestId = "";
  try {
    requestId = (context as RouterContextProvider).get(requestIdContext);
  } catch {
    // A context without the id (a request that did not come through server.js).
  }
  logRequestError(error, request, requestId, "request failed");
}

function logRequestError(error: unknown, request: Request, requestId: string, message: string) {
  logger.error(
    { err: error, requestId, method: request.method, path: new URL(request.url).pathname },
    message,
  );
}

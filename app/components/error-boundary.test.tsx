import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, data, StaticRouterProvider } from "react-router";
import { describe, expect, test } from "vitest";
import { GeneralErrorBoundary } from "./error-boundary.tsx";
import { RequestIdProvider } from "#app/utils/request-id.ts";

/** Renders a one-route app whose loader throws `thrown`, as the server renders it. */
async function renderError(thrown: unknown, requestId = "a1b2c3d4e5f6") {
  const handler = createStaticHandler([
    {
      id: "root",
      path: "/",
      loader: () => {
        throw thrown;
      },
      Component: () => null,
      ErrorBoundary: GeneralErrorBoundary,
    },
  ]);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw new Error("unexpected response");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(
    <RequestIdProvider value={requestId}>
      <StaticRouterProvider router={router} context={context} hydrate={false} />
    </RequestIdProvider>,
  );
}

describe("GeneralErrorBoundary", () => {
  test("a server error shows the request's reference, never the error's message or stack", async () => {
    const error = new Error("password authentication failed for user tracker");
    const html = await renderError(error);
    expect(html).toContain("Something went wrong");
    expect(html).toContain("Reference: a1b2c3d4e5f6");
    expect(html).not.toContain("password authentication");
    expect(html).not.toContain("error-boundary.test");
    expect(html).not.toMatch(/at \w+ \(/);
  });

  test("a refused request names the field and the message, without a reference", async () => {
    const html = await renderError(data({ field: "q", message: "http.nulByte" }, { status: 400 }));
    expect(html).toContain("Invalid value for “q”.");
    expect(html).toContain("It contains a control character");
    expect(html).not.toContain("Reference:");
  });

  test("a 413 shows its limit", async () => {
    const html = await renderError(
      data({ message: "http.tooLarge", params: { limit: "64 KB" } }, { status: 413 }),
    );
    expect(html).toContain("The form is too large: the limit is 64 KB.");
  });

  test("a 409 says the thing cannot be changed now, and why", async () => {
    const html = await renderError(
      data({ message: "hardeningDomain.archivedItem" }, { status: 409 }),
    );
    expect(html).toContain("This cannot be changed now");
    expect(html).not.toContain("Something in the request is not valid");
  });
});

import { RouterContextProvider } from "react-router";
import { afterEach, expect, test } from "vitest";
import { userContext } from "#app/modules/auth/auth.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { loadCatalogueView, type CatalogueView } from "./catalogue-view.server.ts";
import { parseFiltersAsOf } from "./filters.ts";

function args(query: string, headers: Record<string, string> = {}) {
  const context = new RouterContextProvider();
  context.set(userContext, null);
  return { request: new Request(`http://localhost/?${query}`, { headers }), context };
}

afterEach(() => {
  delete process.env.PUBLIC_READ;
  resetEnvCache();
});

const load = async ({ params, now }: CatalogueView) => {
  const { filters, errors } = parseFiltersAsOf(params, now);
  return { filters, errors };
};

test("a view's data with its title in the reader's language; a bad parameter is a 400", async () => {
  const good = await loadCatalogueView(args("status=stalled"), "dashboard.title", load);
  expect(good.init?.status).toBe(200);
  expect(good.data).toEqual({
    filters: { status: "stalled" },
    errors: {},
    pageTitle: "Overview",
    appName: "Recommendation Tracker",
  });

  const bad = await loadCatalogueView(
    args("status=finished&source=GAO-21-322", { "Accept-Language": "es" }),
    "dashboard.title",
    load,
  );
  expect(bad.init?.status).toBe(400);
  expect(bad.data).toMatchObject({
    filters: { source: "GAO-21-322" },
    errors: { status: { key: "filters.errors.choice" } },
    pageTitle: "Resumen",
  });
});

test("without PUBLIC_READ an anonymous visitor is sent to log in before anything is read", async () => {
  process.env.PUBLIC_READ = "false";
  resetEnvCache();
  let read = false;
  const thrown = await loadCatalogueView(args(""), "dashboard.title", async () => {
    read = true;
    return { errors: {} };
  }).catch((error: unknown) => error);
  expect(thrown).toBeInstanceOf(Response);
  expect((thrown as Response).status).toBe(302);
  expect(read).toBe(false);
});

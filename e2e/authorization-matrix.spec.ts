import fs from "node:fs";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import routes from "../app/routes.ts";
import { baseURL } from "../playwright.config.ts";
import { expect, test } from "./fixtures.ts";
import { catalogueRows } from "./access/catalogue.ts";
import { coreRows } from "./access/core.ts";
import { importRows } from "./access/import.ts";
import { reviewRows } from "./access/review.ts";
import { archiveRows } from "./access/archive.ts";
import { signOffRows } from "./access/sign-off.ts";
import { feedRows } from "./access/feeds.ts";
import { embedRows } from "./access/embeds.ts";
import { myQueueRows } from "./access/my-queue.ts";
import { relatedRows } from "./access/related.ts";
import { followRows } from "./access/follow.ts";
import type { Row, Who } from "./access/types.ts";
import { ADMIN, PASSWORD, roleUsers, storageStatePath } from "./users.ts";

// Who may reach what: every route of app/routes.ts, by method, for each kind of visitor. The
// rows live in e2e/access/ by feature. A route or an action added without a row fails the first
// test; a row whose outcome changes fails the test of that visitor.
const matrix: Row[] = [
  ...coreRows,
  ...catalogueRows,
  ...reviewRows,
  ...importRows,
  ...signOffRows,
  ...archiveRows,
  ...feedRows,
  ...embedRows,
  ...myQueueRows,
  ...relatedRows,
  ...followRows,
];

type RouteEntry = { path?: string; index?: boolean; file: string; children?: RouteEntry[] };

function flatten(entries: RouteEntry[], parent = ""): Array<{ pattern: string; file: string }> {
  return entries.flatMap((entry) => {
    const joined = entry.path ? `${parent}/${entry.path}` : parent;
    const self = { pattern: joined || "/", file: entry.file };
    return [self, ...flatten(entry.children ?? [], joined)];
  });
}

const hasAction = (file: string) =>
  /export (async )?function action\b|export const action\b/.test(
    fs.readFileSync(`app/${file}`, "utf8"),
  );

test("every route and action has a row in the matrix", () => {
  const expected = flatten(routes as RouteEntry[]).flatMap(({ pattern, file }) => [
    `GET ${pattern}`,
    ...(hasAction(file) ? [`POST ${pattern}`] : []),
  ]);
  const covered = new Set(matrix.map((row) => `${row.method} ${row.pattern}`));
  expect(expected.filter((key) => !covered.has(key))).toEqual([]);
  expect([...covered].filter((key) => !expected.includes(key))).toEqual([]);
});

async function contextFor(who: Who): Promise<APIRequestContext> {
  if (who === "anonymous") return playwrightRequest.newContext({ baseURL });
  if (who === "disabled")
    return playwrightRequest.newContext({ baseURL, storageState: storageStatePath("disabled") });
  // A session of its own, so that POST /logout does not end a session other tests use.
  const context = await playwrightRequest.newContext({ baseURL });
  const credentials = who === "admin" ? ADMIN : { email: roleUsers[who].email, password: PASSWORD };
  const response = await context.post("/login", {
    form: { email: credentials.email, password: credentials.password },
    maxRedirects: 0,
  });
  expect(response.status(), `login as ${who}`).toBe(302);
  return context;
}

for (const who of ["anonymous", "viewer", "editor", "admin", "disabled"] as const) {
  test(`authorization matrix: ${who}`, async () => {
    const context = await contextFor(who);
    // POST /logout ends the session: run it last.
    const rows = [...matrix].sort(
      (a, b) =>
        Number(a.url === "/logout" && a.method === "POST") -
        Number(b.url === "/logout" && b.method === "POST"),
    );
    const failures: string[] = [];
    for (const row of rows) {
      const response =
        row.method === "GET"
          ? await context.get(row.url, { maxRedirects: 0 })
          : await context.post(row.url, { form: row.body ?? {}, maxRedirects: 0 });
      const expected = row[who];
      const status = response.status();
      const location = response.headers()["location"] ?? "";
      const ok =
        expected === "login"
          ? [302, 303].includes(status) && location.startsWith("/login")
          : status === expected;
      if (!ok)
        failures.push(`${row.method} ${row.url}: expected ${expected}, got ${status} ${location}`);
    }
    expect(failures).toEqual([]);
    await context.dispose();
  });
}

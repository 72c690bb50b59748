import fs from "node:fs";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import routes from "../app/routes.ts";
import { baseURL } from "../playwright.config.ts";
import { expect, test } from "./fixtures.ts";
import { ADMIN, PASSWORD, roleUsers, storageStatePath } from "./users.ts";

// Who may reach what: every route of app/routes.ts, by method, for each kind of visitor.
// "login" = redirected to the login page; a number = that HTTP status. A route or an action
// added without a row here fails the first test.

type Who = "anonymous" | "viewer" | "editor" | "admin" | "disabled";
type Outcome = number | "login";
type Row = {
  pattern: string;
  method: "GET" | "POST";
  url: string;
  body?: Record<string, string>;
} & Record<Who, Outcome>;

const all = (outcome: Outcome) => ({
  anonymous: outcome,
  viewer: outcome,
  editor: outcome,
  admin: outcome,
  disabled: outcome,
});
const staff = (outcome: Outcome) => ({
  anonymous: "login" as const,
  disabled: "login" as const,
  viewer: outcome,
  editor: outcome,
  admin: outcome,
});
const adminOnly = (outcome: Outcome) => ({
  anonymous: "login" as const,
  disabled: "login" as const,
  viewer: 403,
  editor: 403,
  admin: outcome,
});

const matrix: Row[] = [
  { pattern: "/", method: "GET", url: "/", ...all(200) },
  { pattern: "/recommendations", method: "GET", url: "/recommendations", ...all(200) },
  {
    pattern: "/recommendations/:id",
    method: "GET",
    url: "/recommendations/gao-21-322-atf-data",
    ...all(200),
  },
  // Logged-in users are sent on from the login page.
  {
    pattern: "/login",
    method: "GET",
    url: "/login",
    anonymous: 200,
    disabled: 200,
    viewer: 302,
    editor: 302,
    admin: 302,
  },
  // Invalid input is refused; a logged-in user is sent on, as from GET.
  {
    pattern: "/login",
    method: "POST",
    url: "/login",
    body: {},
    anonymous: 400,
    disabled: 400,
    viewer: 302,
    editor: 302,
    admin: 302,
  },
  { pattern: "/logout", method: "GET", url: "/logout", ...all(302) },
  { pattern: "/logout", method: "POST", url: "/logout", ...all(302) },
  { pattern: "/invite/:token", method: "GET", url: "/invite/not-a-token", ...all(404) },
  { pattern: "/invite/:token", method: "POST", url: "/invite/not-a-token", body: {}, ...all(400) },
  { pattern: "/reset/:token", method: "GET", url: "/reset/not-a-token", ...all(404) },
  { pattern: "/reset/:token", method: "POST", url: "/reset/not-a-token", body: {}, ...all(400) },
  { pattern: "/account", method: "GET", url: "/account", ...staff(200) },
  {
    pattern: "/account",
    method: "POST",
    url: "/account",
    body: { intent: "nothing" },
    ...staff(400),
  },
  { pattern: "/admin", method: "GET", url: "/admin", ...adminOnly(302) },
  { pattern: "/admin/users", method: "GET", url: "/admin/users", ...adminOnly(200) },
  {
    pattern: "/admin/users",
    method: "POST",
    url: "/admin/users",
    body: { intent: "nothing" },
    ...adminOnly(400),
  },
  { pattern: "/language", method: "GET", url: "/language", ...all(302) },
  { pattern: "/language", method: "POST", url: "/language", body: { lang: "fr" }, ...all(400) },
  { pattern: "/healthz", method: "GET", url: "/healthz", ...all(200) },
  { pattern: "/*", method: "GET", url: "/no/such/page", ...all(404) },
  { pattern: "/*", method: "POST", url: "/no/such/page", ...all(404) },
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

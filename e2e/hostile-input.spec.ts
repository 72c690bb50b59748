import fs from "node:fs";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import routes from "../app/routes.ts";
import { baseURL } from "../playwright.config.ts";
import { expect, test } from "./fixtures.ts";
import { ADMIN, PASSWORD, roleUsers } from "./users.ts";

// Property-based hostile input against the production build: random and hostile values (huge
// strings, control characters and NUL, wrong types, SQL and HTML fragments, repeated fields, bad
// ids, wrong methods, bodies that are no form) sent to every route of app/routes.ts, as each kind
// of visitor. Never a 500; and a refused request (4xx) writes nothing: the audit log, which every
// change writes in its own transaction, keeps its count. Runs in a project of its own, after the
// others, so that no other test writes meanwhile. Bounded in time (see `budget`).

type RouteEntry = { path?: string; index?: boolean; file: string; children?: RouteEntry[] };

function flatten(entries: RouteEntry[], parent = ""): Array<{ pattern: string; file: string }> {
  return entries.flatMap((entry) => {
    const joined = entry.path ? `${parent}/${entry.path}` : parent;
    return [{ pattern: joined || "/", file: entry.file }, ...flatten(entry.children ?? [], joined)];
  });
}

const allRoutes = flatten(routes as RouteEntry[]).map((route) => ({
  ...route,
  hasAction: /export (async )?function action\b|export const action\b/.test(
    fs.readFileSync(`app/${route.file}`, "utf8"),
  ),
}));
const actionRoutes = allRoutes.filter((route) => route.hasAction);

const budget = { queries: 25_000, actions: 30_000 };

// Values worth trying on purpose; random strings fill in the rest.
const nasty = [
  "\u0000",
  "a\u0000b",
  "%00",
  "\u0001\u0002\u001f\u007f",
  "\r\nSet-Cookie: x=1",
  '\'; DROP TABLE "AuditEvent"; --',
  "' OR '1'='1",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "../../etc/passwd",
  "//evil.example",
  "/.//evil.example",
  "javascript:alert(1)",
  "-1",
  "0",
  "1e309",
  "NaN",
  "Infinity",
  "99999999999999999999999999",
  "2024-02-30",
  "0000-00-00",
  "0000-01-01",
  "0000-12-31",
  "10000-01-01",
  "-0001-01-01",
  "9999-12-31T99:99",
  "[]",
  "{}",
  "null",
  "undefined",
  "true",
  "\u202eevil",
  "\ud800",
  "🦄".repeat(50),
  "",
  " ",
];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...nasty) },
  // A control character or NUL inside an otherwise plausible value.
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.string({ maxLength: 10 }),
        fc.constantFrom("\u0000", "\u0007", "\u001b", "\u0000\u0000"),
      )
      .map(([text, control]) => `${text}${control}${text}`),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.integer({ min: 0, max: 31 }), { minLength: 1, maxLength: 8 })
      .map((codes) => String.fromCharCode(...codes)),
  },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(5_000), "é".repeat(30_000)) },
);

const ids = [
  "gao-21-322-atf-data",
  "gao-16-223-ondcp-indicators",
  "GAO-21-322",
  "atf",
  "not-a-token",
];
const idValue = fc.oneof(fc.constantFrom(...ids), hostileString);

const queryNames = [
  "q",
  "source",
  "goal",
  "actor",
  "actorId",
  "country",
  "status",
  "tag",
  "sort",
  "page",
  "asOf",
  "from",
  "to",
  "stale",
  "checked",
  "lang",
  "format",
  "entityType",
  "entityId",
  "archived",
  "kind",
  "redirectTo",
  "timeline",
  "note",
  "saved",
];

const intents = [
  "status",
  "evidence-add",
  "evidence-archive",
  "tracking",
  "verify",
  "note-add",
  "note-edit",
  "note-delete",
  "relation-add",
  "relation-remove",
  "create",
  "save",
  "archive",
  "unarchive",
  "invite",
  "revoke-invite",
  "reissue-invite",
  "reset",
  "disable",
  "enable",
  "role",
  "profile",
  "password",
];

const fieldNames = [
  "body",
  "other",
  "reason",
  "relationId",
  "type",
  "visibility",
  "noteId",
  "evidenceId",
  "evidenceIds",
  "expectedVersion",
  "version",
  "toStatus",
  "summary",
  "occurredOn",
  "title",
  "description",
  "documentedOn",
  "url",
  "kind",
  "linkUrl",
  "linkTitle",
  "fileTitle",
  "statusOfficial",
  "statusOfficialAsOf",
  "actors",
  "goals",
  "tags",
  "priority",
  "dueDate",
  "statusNote",
  "email",
  "password",
  "confirmPassword",
  "currentPassword",
  "name",
  "locale",
  "role",
  "userId",
  "inviteId",
  "lang",
  "redirectTo",
  "code",
  "slug",
  "publisher",
  "publishedDate",
  "parent",
  "level",
  "reference",
  "text",
  "titleEs",
  "source",
  "country",
];

/** A path segment: percent-encoded; a lone surrogate becomes bytes that are not UTF-8 at all. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const segment = (value: string) =>
  loneSurrogate.test(value)
    ? `${encodeURIComponent(value.replace(new RegExp(loneSurrogate, "g"), ""))}%ff%fe`
    : encodeURIComponent(value) || "x";

const concreteUrl = (pattern: string): fc.Arbitrary<string> =>
  fc
    .record({
      id: idValue,
      token: idValue,
      kind: fc.oneof(
        fc.constantFrom("sources", "recommendations", "actors", "goals", "tags"),
        hostileString,
      ),
      rest: hostileString,
    })
    .map(({ id, token, kind, rest }) =>
      pattern
        .replace(":id", segment(id))
        .replace(":token", segment(token))
        .replace(":kind", segment(kind))
        .replace("*", segment(rest)),
    );

const routeUrl = (list: typeof allRoutes) =>
  fc
    .constantFrom(...list)
    .chain((route) => concreteUrl(route.pattern).map((path) => ({ route, path })));

const query = fc
  .array(
    fc.tuple(
      fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...queryNames) },
        { weight: 1, arbitrary: hostileString },
      ),
      hostileString,
    ),
    { maxLength: 6 },
  )
  .map((pairs) => {
    const params = new URLSearchParams();
    for (const [key, value] of pairs) params.append(key, value);
    const text = params.toString();
    return text ? `?${text}` : "";
  });

// Fields of a form: known names (repeated at times) with hostile or plausible values.
const fields = fc.array(
  fc.tuple(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...fieldNames) },
      { weight: 1, arbitrary: hostileString },
    ),
    fc.oneof(idValue, fc.integer().map(String)),
  ),
  { maxLength: 10 },
);

type Body =
  | { kind: "form" | "multipart"; intent: string; fields: Array<[string, string]> }
  | { kind: "raw"; contentType: string; data: string };

const body: fc.Arbitrary<Body> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constantFrom("form" as const, "multipart" as const),
      intent: fc.oneof(fc.constantFrom(...intents), hostileString),
      fields,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("raw" as const),
      contentType: fc.constantFrom(
        "application/json",
        "text/plain",
        "application/xml",
        "",
        "multipart/form-data",
        "multipart/form-data; boundary=zz",
        "application/x-www-form-urlencoded; charset=utf-16",
      ),
      data: fc.oneof(fc.json(), hostileString),
    }),
  },
);

function formOf(intent: string, pairs: Array<[string, string]>) {
  return [["intent", intent] as [string, string], ...pairs];
}

function encodeForm(pairs: Array<[string, string]>) {
  const params = new URLSearchParams();
  for (const [key, value] of pairs) params.append(key, value);
  return params.toString();
}

function encodeMultipart(pairs: Array<[string, string]>) {
  const boundary = "----hostile" + Math.random().toString(16).slice(2);
  const parts = pairs.map(
    ([key, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${key.replace(/["\r\n]/g, "_")}"\r\n\r\n${value}\r\n`,
  );
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    data: Buffer.from(`${parts.join("")}--${boundary}--\r\n`),
  };
}

type Who = "anonymous" | "editor" | "admin";

async function contextFor(who: Who, address: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  if (who === "anonymous") return context;
  const credentials = who === "admin" ? ADMIN : { email: roleUsers[who].email, password: PASSWORD };
  const response = await context.post("/login", {
    form: credentials,
    headers: { "X-Forwarded-For": address },
    maxRedirects: 0,
  });
  expect(response.status(), `login as ${who}`).toBe(302);
  return context;
}

/** How many audit events there are, as the audit page counts them. */
async function auditCount(admin: APIRequestContext): Promise<number> {
  const response = await admin.get("/admin/audit");
  expect(response.status()).toBe(200);
  const match = /Showing [\d,]+–[\d,]+ of ([\d,]+)/.exec(await response.text());
  // A page whose wording changed must fail here, not count 0 before and after every request.
  expect(match, "the audit page's count").not.toBeNull();
  return Number(match![1]!.replace(/,/g, ""));
}

// In order, in one worker: with the config's fullyParallel the two tests would run at once, and
// the other worker's logins (audited) would land between a refused request's two counts.
test.describe.configure({ mode: "default" });

let contexts: Record<Who, APIRequestContext>;
let admin: APIRequestContext;

test.beforeAll(async () => {
  contexts = {
    anonymous: await contextFor("anonymous", ""),
    editor: await contextFor("editor", "192.0.2.11"),
    admin: await contextFor("admin", "192.0.2.12"),
  };
  admin = contexts.admin;
});

test.afterAll(async () => {
  for (const context of Object.values(contexts ?? {})) await context.dispose();
});

test("hostile query parameters and paths on every route: never a 500", async () => {
  test.setTimeout(budget.queries + 30_000);
  const failures: string[] = [];
  await fc.assert(
    fc.asyncProperty(
      routeUrl(allRoutes),
      query,
      fc.constantFrom<Who>("anonymous", "editor", "admin"),
      fc.constantFrom("GET", "HEAD"),
      fc.context(),
      async ({ path }, search, who, method, log) => {
        const url = `${path}${search}`;
        log.log(`${method} ${url} as ${who}`);
        const response = await contexts[who].fetch(url, { method, maxRedirects: 0 });
        // What the server said (its reference, for the server log), so that a failure seen once
        // in CI can be understood afterwards.
        let said = "";
        if (response.status() >= 500) {
          said = method === "HEAD" ? "" : (await response.text()).slice(0, 300);
          failures.push(`${method} ${url.slice(0, 200)} as ${who}: ${response.status()} ${said}`);
        }
        expect(response.status(), `${url.slice(0, 300)} said ${said}`).toBeLessThan(500);
      },
    ),
    { numRuns: 400, interruptAfterTimeLimit: budget.queries, markInterruptAsFailure: false },
  );
  expect(failures).toEqual([]);
});

test("hostile bodies and methods on every action: never a 500, and a refusal writes nothing", async () => {
  test.setTimeout(budget.actions + 60_000);
  await fc.assert(
    fc.asyncProperty(
      routeUrl(actionRoutes),
      fc.constantFrom<Who>("anonymous", "editor", "admin"),
      fc.constantFrom("POST", "POST", "POST", "PUT", "PATCH", "DELETE"),
      body,
      fc.integer({ min: 0, max: 255 }),
      fc.context(),
      async ({ route, path: url }, who, method, sent, address, log) => {
        // Logging out would end a session the next runs use.
        if (route.pattern === "/logout") who = "anonymous";
        let contentType: string;
        let data: string | Buffer;
        if (sent.kind === "raw") {
          contentType = sent.contentType;
          data = sent.data;
        } else if (sent.kind === "form") {
          contentType = "application/x-www-form-urlencoded";
          data = encodeForm(formOf(sent.intent, sent.fields));
        } else {
          ({ contentType, data } = encodeMultipart(formOf(sent.intent, sent.fields)));
        }
        log.log(`${method} ${url} as ${who}: ${contentType} ${String(data).slice(0, 300)}`);
        const before = await auditCount(admin);
        const response = await contexts[who].fetch(url, {
          method,
          headers: {
            ...(contentType ? { "Content-Type": contentType } : {}),
            // Each request from an address of its own: the login limiter counts per address.
            "X-Forwarded-For": `10.${address}.0.1`,
          },
          data,
          maxRedirects: 0,
        });
        const status = response.status();
        expect(status, `${method} ${url} as ${who}`).toBeLessThan(500);
        // A failed login is itself worth an audit event; every other refusal writes nothing.
        if (status >= 400 && route.pattern !== "/login") {
          expect(await auditCount(admin), `${method} ${url} as ${who}: ${status}`).toBe(before);
        }
      },
    ),
    { numRuns: 300, interruptAfterTimeLimit: budget.actions, markInterruptAsFailure: false },
  );
});

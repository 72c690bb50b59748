import http from "node:http";
import { request as playwrightRequest } from "@playwright/test";
import { baseURL } from "../playwright.config.ts";
import { expect, test } from "./fixtures.ts";
import { ADMIN, storageStatePath } from "./users.ts";

// The HTTP edge on the production build: where redirects may go, how bodies are read (size caps,
// malformed bodies, NUL bytes) and what a refused request gets back.

const hostileRedirects = [
  "/.//evil.example",
  "/..//evil.example",
  "/%2e//evil.example",
  "/%2E%2E//evil.example",
  "/./\\evil.example",
  "/%5c%5cevil.example",
  "/%2f/evil.example",
  "//evil.example",
  "/\\evil.example",
  "https://evil.example/",
];

const offSite = (location: string) =>
  /^(https?:)?[/\\]{2}/i.test(location) && !location.startsWith(baseURL);

/** A POST with a body sent in chunks, without Content-Length, as node:http sends it. */
function chunkedPost(
  path: string,
  headers: Record<string, string>,
  head: string,
  chunk: Buffer,
  times: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${baseURL}${path}`, {
      method: "POST",
      headers: { Origin: baseURL, ...headers },
    });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (part: string) => (body += part));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.write(head);
    let sent = 0;
    const write = () => {
      while (sent < times) {
        sent += 1;
        if (!req.write(chunk)) return req.once("drain", write);
      }
      req.end();
    };
    write();
  });
}

test.describe("open redirects", () => {
  test("/language sends every hostile redirectTo to a page of the site", async ({ request }) => {
    for (const redirectTo of hostileRedirects) {
      const response = await request.post("/language", {
        form: { lang: "en", redirectTo },
        maxRedirects: 0,
      });
      expect(response.status(), redirectTo).toBe(302);
      const location = response.headers()["location"] ?? "";
      expect(offSite(location), `${redirectTo} → ${location}`).toBe(false);
      expect(location, redirectTo).toBe("/");
    }
  });

  test("/login, GET and POST, sends every hostile redirectTo to a page of the site", async () => {
    const context = await playwrightRequest.newContext({ baseURL });
    // The login page's hidden field never carries the hostile value.
    for (const redirectTo of hostileRedirects) {
      const page = await context.get(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
      expect(page.status()).toBe(200);
      expect(await page.text()).toContain('name="redirectTo" value="/"');
    }
    // Logging in with each: the redirect stays on the site.
    for (const [index, redirectTo] of hostileRedirects.entries()) {
      const login = await context.post("/login", {
        form: { email: ADMIN.email, password: ADMIN.password, redirectTo },
        headers: { "X-Forwarded-For": `198.51.100.${index + 1}` },
        maxRedirects: 0,
      });
      expect(login.status(), redirectTo).toBe(302);
      expect(login.headers()["location"], redirectTo).toBe("/");
    }
    // Logged in, GET /login redirects at once: to the site too.
    for (const redirectTo of hostileRedirects) {
      const response = await context.get(`/login?redirectTo=${encodeURIComponent(redirectTo)}`, {
        maxRedirects: 0,
      });
      expect(response.status(), redirectTo).toBe(302);
      expect(response.headers()["location"], redirectTo).toBe("/");
    }
    // A same-site path is kept.
    const kept = await context.get(`/login?redirectTo=${encodeURIComponent("/changes?x=1")}`, {
      maxRedirects: 0,
    });
    expect(kept.headers()["location"]).toBe("/changes?x=1");
    await context.dispose();
  });
});

test.describe("NUL bytes", () => {
  test("in a query parameter or path: 400 naming the parameter, in the reader's language", async ({
    request,
  }) => {
    const urls: Array<[string, string]> = [
      ["/recommendations?q=a%00b", "q"],
      ["/recommendations?source=%00", "source"],
      ["/recommendations?actor=x%00", "actor"],
      ["/recommendations?status=%00", "status"],
      ["/changes?from=%00", "from"],
      ["/reports?q=%00", "q"],
      ["/reports/export.csv?q=%00", "q"],
      ["/admin/audit?actor=%00", "actor"],
      ["/admin/catalogue/sources?q=%00", "q"],
      ["/login?redirectTo=%00", "redirectTo"],
      ["/?goal=%00", "goal"],
      ["/recommendations/%00", "path"],
      ["/evidence/a%00", "path"],
    ];
    for (const [url, field] of urls) {
      const response = await request.get(url, { maxRedirects: 0 });
      expect(response.status(), url).toBe(400);
      // Pages show the error page; files (exports, evidence) answer with the error's data.
      const resource = /export|evidence/.test(url);
      expect(await response.text(), url).toContain(resource ? `"field":"${field}"` : `“${field}”`);
    }
    const spanish = await request.get("/recommendations?q=%00", {
      headers: { "Accept-Language": "es" },
    });
    expect(spanish.status()).toBe(400);
    const html = await spanish.text();
    expect(html).toContain('<html lang="es"');
    expect(html).toContain("Valor no válido para «q»");
  });

  test("in a form field: 400 naming the field, and nothing is written", async () => {
    const anonymous = await playwrightRequest.newContext({ baseURL });
    const login = await anonymous.post("/login", {
      form: { email: "admin@e2e.test\u0000", password: "x" },
      headers: { "X-Forwarded-For": "198.51.100.200" },
    });
    expect(login.status()).toBe(400);
    expect(await login.text()).toContain("“email”");
    await anonymous.dispose();

    const editor = await playwrightRequest.newContext({
      baseURL,
      storageState: storageStatePath("editor"),
    });
    const url = "/recommendations/gao-16-223-ondcp-indicators";
    const note = await editor.post(url, {
      form: { intent: "note-add", body: "Hidden\u0000 note", visibility: "internal" },
      maxRedirects: 0,
    });
    expect(note.status()).toBe(400);
    expect(await note.text()).toContain("“body”");
    const page = await editor.get(url);
    expect(await page.text()).not.toContain("Hidden");
    await editor.dispose();
  });
});

test.describe("request bodies", () => {
  const malformed: Array<[string, Record<string, string>, string | Buffer]> = [
    ["JSON", { "Content-Type": "application/json" }, '{"email":"a@b.c"}'],
    ["text/plain", { "Content-Type": "text/plain" }, "email=a@b.c"],
    ["XML", { "Content-Type": "application/xml" }, "<login><email>a</email></login>"],
    ["no Content-Type", {}, "email=a@b.c"],
    ["multipart without boundary", { "Content-Type": "multipart/form-data" }, "email=a"],
    [
      "multipart with another boundary",
      { "Content-Type": "multipart/form-data; boundary=AAA" },
      '--BBB\r\nContent-Disposition: form-data; name="email"\r\n\r\na\r\n--BBB--\r\n',
    ],
    [
      "truncated multipart",
      { "Content-Type": "multipart/form-data; boundary=AAA" },
      '--AAA\r\nContent-Disposition: form-data; name="email"\r\n\r\na',
    ],
  ];

  test("a body that is not a form: 400 with a message on every form route", async () => {
    const admin = await playwrightRequest.newContext({
      baseURL,
      storageState: storageStatePath("admin"),
    });
    const routes = [
      "/login",
      "/language",
      "/invite/not-a-token",
      "/reset/not-a-token",
      "/account",
      "/admin/users",
      "/admin/catalogue/sources",
      "/admin/catalogue/recommendations/gao-21-322-atf-data",
      "/recommendations/gao-16-223-ondcp-indicators",
    ];
    for (const route of routes) {
      for (const [name, headers, body] of malformed) {
        const response = await admin.fetch(route, {
          method: "POST",
          headers: { ...headers, "X-Forwarded-For": "198.51.100.201" },
          data: body,
          maxRedirects: 0,
        });
        expect(response.status(), `${name} to ${route}`).toBe(400);
        expect(await response.text(), `${name} to ${route}`).toContain(
          "The form could not be read",
        );
      }
    }
    await admin.dispose();
  });

  test("past the cap: 413 before the body is read, with Content-Length or chunked", async ({
    request,
  }) => {
    const big = "a".repeat(200 * 1024);
    for (const route of ["/login", "/language", "/invite/x", "/reset/x", "/logout"]) {
      const response = await request.post(route, {
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        data: `email=${big}`,
        maxRedirects: 0,
      });
      expect(response.status(), route).toBe(413);
      expect(await response.text(), route).toContain("The form is too large: the limit is 64 KB.");
    }
    // 40 MB in 64 KB chunks, no Content-Length: a proper 413, not a reset connection.
    const chunk = Buffer.alloc(64 * 1024, "a");
    const forms: Array<[string, string]> = [
      ["application/x-www-form-urlencoded", "name="],
      [
        "multipart/form-data; boundary=X",
        '--X\r\nContent-Disposition: form-data; name="name"\r\n\r\n',
      ],
    ];
    for (const [type, head] of forms) {
      const chunked = await chunkedPost(
        "/invite/not-a-token",
        { "Content-Type": type, "Accept-Language": "es" },
        head,
        chunk,
        640,
      );
      expect(chunked.status, type).toBe(413);
      expect(chunked.body).toContain("El formulario es demasiado grande: el límite es 64 KB.");
    }
    // The connection still serves the next request.
    expect((await request.get("/healthz")).status()).toBe(200);
  });

  test("within the cap, a form works as before, urlencoded or multipart", async ({ request }) => {
    const response = await request.post("/language", {
      multipart: { lang: "es", redirectTo: "/changes" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
    expect(response.headers()["location"]).toBe("/changes");
  });

  test("a browser that posts too much gets the error page in its language", async ({ browser }) => {
    const context = await browser.newContext({ locale: "es-MX", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Correo electrónico").fill("a@b.c");
    await page.getByLabel("Contraseña").fill("x".repeat(100 * 1024));
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Iniciar sesión" }).click(),
    ]);
    expect(response.status()).toBe(413);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Algo en la solicitud no es válido",
    );
    await expect(page.getByText("El formulario es demasiado grande")).toBeVisible();
    await context.close();
  });
});

test.describe("cross-site request forgery: Origin and Sec-Fetch-Site with SameSite=Lax", () => {
  const url = "/recommendations/gao-16-235-state-reports";
  const note = (text: string) => ({ intent: "note-add", body: text, visibility: "internal" });

  test("a cross-site post with a valid session is refused (403, with a CSP) and changes nothing", async () => {
    const editor = await playwrightRequest.newContext({
      baseURL,
      storageState: storageStatePath("editor"),
    });
    const refused: Array<[string, Record<string, string>]> = [
      ["another origin", { Origin: "https://evil.example" }],
      ["another port", { Origin: "http://localhost:1" }],
      ["an opaque origin", { Origin: "null" }],
      ["no Origin, cross-site", { "Sec-Fetch-Site": "cross-site" }],
    ];
    for (const [name, headers] of refused) {
      const response = await editor.post(url, {
        form: note(`Forged note (${name})`),
        headers,
        maxRedirects: 0,
      });
      expect(response.status(), name).toBe(403);
      expect(response.headers()["content-security-policy"], name).toContain("default-src 'none'");
    }
    const page = await (await editor.get(url)).text();
    expect(page).not.toContain("Forged note");

    // The same post from the site itself, or from a client that sends no Origin (not a browser
    // on another site: those send one), is accepted.
    const accepted: Array<[string, Record<string, string>]> = [
      ["same origin", { Origin: baseURL, "Sec-Fetch-Site": "same-origin" }],
      ["no Origin", {}],
    ];
    for (const [name, headers] of accepted) {
      const response = await editor.post(url, {
        form: note(`Own note (${name})`),
        headers,
        maxRedirects: 0,
      });
      expect(response.status(), name).toBe(302);
    }
    const after = await (await editor.get(url)).text();
    expect(after).toContain("Own note (same origin)");
    expect(after).toContain("Own note (no Origin)");
    await editor.dispose();
  });

  test("the language cookie is Secure, HttpOnly and SameSite=Lax in production", async ({
    request,
  }) => {
    const response = await request.post("/language", {
      form: { lang: "es", redirectTo: "/" },
      maxRedirects: 0,
    });
    const cookie = response.headers()["set-cookie"] ?? "";
    expect(cookie).toMatch(/^lang=/);
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
  });
});

test("every answer carries its own X-Request-Id, refusals included", async ({ request }) => {
  const ids = new Set<string>();
  const responses = [
    await request.get("/"),
    await request.get("/recommendations?q=%00"),
    await request.post("/language", {
      form: { lang: "es" },
      headers: { Origin: "https://x.example" },
    }),
    await request.get("/favicon.svg"),
  ];
  for (const response of responses) {
    const id = response.headers()["x-request-id"] ?? "";
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    ids.add(id);
  }
  expect(ids.size).toBe(responses.length);
});

test("a display name past its limit on /admin/users is a 422 naming the field, as every form's field errors are", async () => {
  const admin = await playwrightRequest.newContext({
    baseURL,
    storageState: storageStatePath("admin"),
  });
  const page = await (await admin.get("/admin/users")).text();
  const userId = /name="userId" value="([^"]+)"/.exec(page)?.[1];
  expect(userId, "a user row on /admin/users").toBeTruthy();
  const response = await admin.post("/admin/users", {
    form: { intent: "public-name", userId: userId!, version: "1", publicName: "x".repeat(101) },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(422);
  expect(await response.text()).toContain("Use at most 100 characters.");
  await admin.dispose();
});

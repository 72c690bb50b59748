import { RouterContextProvider } from "react-router";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { userContext, type SessionUser } from "#app/modules/auth/auth.server.ts";
import { loader } from "#app/routes/reports/export.ts";
import { prisma } from "#app/utils/db.server.ts";
import { clientIpContext } from "#app/utils/request-context.server.ts";
import { createUser } from "#tests/factories.ts";
import { closeExportPool, configureExports, exportBuildsStarted } from "./export-pool.server.ts";

/** GET /reports/export.<format>?<query> through the route's loader, from `ip`, as `user`. */
async function get(
  path: string,
  options: { ip?: string; user?: SessionUser | null; language?: string; method?: string } = {},
): Promise<Response> {
  const request = new Request(`http://reports.test/reports/export.${path}`, {
    method: options.method ?? "GET",
    headers: options.language ? { "Accept-Language": options.language } : {},
  });
  const context = new RouterContextProvider();
  context.set(userContext, options.user ?? null);
  context.set(clientIpContext, options.ip ?? "192.0.2.1");
  return (await loader({ request, context, params: {} } as unknown as Parameters<
    typeof loader
  >[0])) as Response;
}

const isPdf = (bytes: Uint8Array) =>
  new TextDecoder().decode(bytes.subarray(0, 5)) === "%PDF-" &&
  new TextDecoder().decode(bytes.subarray(-6)).includes("%%EOF");

afterEach(async () => {
  await configureExports({});
  delete process.env.EXPORT_LIMIT_PER_ADDRESS;
});
afterAll(() => closeExportPool());

// Each test starts export threads of their own (a thread loads the report modules and opens its
// own pool before its first build): on a busy 2-core machine that alone can take most of 20 s.
describe("the export queue", { timeout: 60_000 }, () => {
  test("a HEAD request gets the export's headers and starts no build (its body would never be read)", async () => {
    const before = exportBuildsStarted();
    const response = await get("pdf?from=2025-01-09", { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toContain("attachment");
    expect(exportBuildsStarted()).toBe(before);
  });

  test("with 2 threads and 4 waiting, the 7th concurrent export gets 503 with Retry-After, in the reader's language", async () => {
    // Nothing kept and no bytes ahead of the reader: a build whose response is not read holds
    // its thread, as a slow download of a large file does.
    await configureExports({ threads: 2, queue: 4, keptBytes: 0, windowBytes: 0 });
    // Six different reports (their periods differ), so that none shares another's build.
    const held = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((day) => get(`pdf?from=2025-01-0${day}`)),
    );
    expect(held.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200]);

    const refused = await get("pdf?from=2025-01-07", { language: "es" });
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(refused.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    const page = await refused.text();
    expect(page).toContain('<html lang="es">');
    expect(page).toContain("Se están preparando muchos informes");

    // A reader who leaves frees its place: the next export is taken.
    await held[5]!.body!.cancel();
    await expect
      .poll(async () => {
        const next = await get("csv?from=2025-01-08");
        await next.body?.cancel();
        return next.status;
      })
      .toBe(200);

    // The others, read now (each waiting build gets a thread as a running one ends), are whole.
    const files = await Promise.all(held.slice(0, 5).map((response) => response.arrayBuffer()));
    expect(files.filter((file) => isPdf(new Uint8Array(file)))).toHaveLength(5);
    // Eight exports, and two threads started through tsx: seconds on a busy machine.
  }, 60_000);

  test("builds ended by closing the pool do not free places in the next one", async () => {
    await configureExports({ threads: 1, queue: 0, keptBytes: 0, windowBytes: 0 });
    const unread = await get("pdf?from=2025-03-01");
    expect(unread.status).toBe(200);
    // New settings close the pool under that build; its end must not count against the new one.
    await configureExports({ threads: 1, queue: 0, keptBytes: 0, windowBytes: 0 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const held = await get("pdf?from=2025-03-02");
    expect(held.status).toBe(200);
    const refused = await get("pdf?from=2025-03-03");
    expect(refused.status).toBe(503);
    await held.body?.cancel();
  }, 60_000);

  test("a repeated identical export is the kept copy: the same bytes, and no new build", async () => {
    const before = exportBuildsStarted();
    const first = new Uint8Array(await (await get("pdf?source=GAO-21-322")).arrayBuffer());
    expect(isPdf(first)).toBe(true);
    expect(exportBuildsStarted()).toBe(before + 1);

    const again = await get("pdf?source=GAO-21-322");
    expect(again.headers.get("Content-Length")).toBe(String(first.byteLength));
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(first);
    // The parameters' order and defaults do not make another report.
    const reordered = await get("pdf?lang=en&source=GAO-21-322&unknown=1");
    expect(new Uint8Array(await reordered.arrayBuffer())).toEqual(first);
    expect(exportBuildsStarted()).toBe(before + 1);

    // Another audience, language or format is another file.
    const staff = await createUser({ role: "viewer" });
    const user = {
      id: staff.id,
      email: staff.email,
      name: staff.name,
      role: staff.role,
      locale: null,
    };
    await (await get("pdf?source=GAO-21-322", { user })).arrayBuffer();
    await (await get("pdf?source=GAO-21-322&lang=es")).arrayBuffer();
    expect(exportBuildsStarted()).toBe(before + 3);

    // A change to the catalogue: built again.
    await prisma.recommendation.updateMany({
      where: { reference: { startsWith: "GAO-21-322" } },
      data: { title: "Changed after the first export" },
    });
    await (await get("pdf?source=GAO-21-322")).arrayBuffer();
    expect(exportBuildsStarted()).toBe(before + 4);
  });

  test("identical requests at the same time share one build", async () => {
    const before = exportBuildsStarted();
    const responses = await Promise.all([1, 2, 3].map(() => get("xlsx?country=US")));
    const files = await Promise.all(
      responses.map(async (response) => new Uint8Array(await response.arrayBuffer())),
    );
    expect(exportBuildsStarted()).toBe(before + 1);
    expect(files[1]).toEqual(files[0]);
    expect(files[2]).toEqual(files[0]);
  });
});

describe("anonymous exports per address", () => {
  test("past the limit an address gets 429 with Retry-After; other addresses and staff go on", async () => {
    process.env.EXPORT_LIMIT_PER_ADDRESS = "2";
    for (const n of [1, 2]) {
      const response = await get(`json?from=2025-02-0${n}`, { ip: "203.0.113.9" });
      expect(response.status).toBe(200);
      await response.body?.cancel();
    }
    const refused = await get("json?from=2025-02-03", { ip: "203.0.113.9" });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(60);
    expect(await refused.text()).toContain("This address has asked for many reports");

    const other = await get("json?from=2025-02-03", { ip: "203.0.113.10" });
    expect(other.status).toBe(200);
    await other.body?.cancel();

    const staff = await createUser({ role: "viewer" });
    const user = {
      id: staff.id,
      email: staff.email,
      name: staff.name,
      role: staff.role,
      locale: null,
    };
    const logged = await get("json?from=2025-02-03", { ip: "203.0.113.9", user });
    expect(logged.status).toBe(200);
    await logged.body?.cancel();
  });
});

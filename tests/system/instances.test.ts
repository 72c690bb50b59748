// Two app servers against one PostgreSQL, as behind a load balancer: sessions, the login limit
// and the no-lost-update rule hold across both.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { disconnectPrisma, prisma } from "#app/utils/db.server.ts";
import { closeSqlPool } from "#app/utils/sql.server.ts";
import {
  createUsers,
  type Database,
  login,
  PASSWORD,
  postForm,
  type Server,
  startDatabase,
  startServer,
} from "./harness.ts";

let database: Database;
let a: Server;
let b: Server;
let editors: Awaited<ReturnType<typeof createUsers>>;

beforeAll(async () => {
  database = await startDatabase("instances");
  // One after the other: the first migrates and seeds, the second finds it done.
  a = await startServer(database.url);
  b = await startServer(database.url);
  editors = await createUsers(database.url, "editor", 2);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await disconnectPrisma();
  await closeSqlPool();
  await database?.stop();
});

describe("two instances, one database", () => {
  test("a login on one is a session on the other", async () => {
    const client = await login(a.base, editors[0]!.email);
    const response = await fetch(`${b.base}/account`, {
      headers: { Cookie: client.cookie },
      redirect: "manual",
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(editors[0]!.email);
    // And logged out on both once it ends on one.
    const logout = await fetch(`${a.base}/logout`, {
      method: "POST",
      headers: { Cookie: client.cookie, Origin: a.base },
      redirect: "manual",
    });
    expect(logout.status).toBeLessThan(400);
    const after = await fetch(`${b.base}/account`, {
      headers: { Cookie: client.cookie },
      redirect: "manual",
    });
    expect(after.status).toBe(302);
  });

  test("the login limit counts failures on both", async () => {
    const email = editors[1]!.email;
    const headers = (base: string) => ({ Origin: base, "X-Forwarded-For": "203.0.113.50" });
    for (let i = 0; i < 5; i++) {
      const server = i % 2 === 0 ? a : b;
      const response = await fetch(`${server.base}/login`, {
        method: "POST",
        body: new URLSearchParams({ email, password: `wrong ${i}` }),
        headers: headers(server.base),
        redirect: "manual",
      });
      expect(response.status).toBe(400);
    }
    for (const server of [a, b]) {
      const blocked = await fetch(`${server.base}/login`, {
        method: "POST",
        body: new URLSearchParams({ email, password: PASSWORD }),
        headers: headers(server.base),
        redirect: "manual",
      });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await blocked.text()).toContain("Too many failed attempts");
    }
    // The same account from another address is let in.
    await expect(login(b.base, email, PASSWORD, "203.0.113.51")).resolves.toBeTruthy();
  });

  test("two saves of one item through both servers: the second is refused, nothing is lost", async () => {
    const id = "gao-16-223-dhs-mou";
    const first = await login(a.base, editors[0]!.email);
    const second = await login(b.base, editors[1]!.email, PASSWORD, "198.51.100.20");
    // B has the page rendered (and kept) before the change made through A.
    expect((await fetch(`${b.base}/recommendations/${id}`)).status).toBe(200);

    const { version } = await prisma.recommendation.findUniqueOrThrow({ where: { id } });
    const save = (summary: string) => ({
      intent: "status",
      expectedVersion: String(version),
      toStatus: "in_progress",
      summary,
      occurredOn: "2024-03-05",
    });
    expect(await postForm(first, id, save("Saved through server A"))).toBe(302);
    expect(await postForm(second, id, save("Saved through server B"))).toBe(409);

    const after = await prisma.recommendation.findUniqueOrThrow({ where: { id } });
    expect(after.version).toBe(version + 1);
    const changes = await prisma.statusChange.findMany({ where: { recommendationId: id } });
    expect(changes.map((change) => change.summary)).toEqual(["Saved through server A"]);
    // B shows the change made through A, not its kept page.
    const page = await (await fetch(`${b.base}/recommendations/${id}`)).text();
    expect(page).toContain("Saved through server A");
  });
});

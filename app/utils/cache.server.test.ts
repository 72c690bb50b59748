import { beforeEach, describe, expect, test } from "vitest";
import { prisma } from "./db.server.ts";
import { cached, cacheKey, clearCache } from "./cache.server.ts";

const version = async () =>
  Number(
    (
      await prisma.$queryRaw<
        Array<{ value: bigint }>
      >`SELECT "value" FROM "CacheVersion" WHERE "id" = 1`
    )[0]!.value,
  );

beforeEach(() => clearCache());

describe("cached", () => {
  test("computes once per version, and again after any change to the catalogue", async () => {
    let computed = 0;
    const compute = async () => ++computed;
    expect(await cached("k", compute)).toBe(1);
    expect(await cached("k", compute)).toBe(1);
    // A change made behind the app's back (no audit event) still moves the version.
    await prisma.recommendation.update({
      where: { id: "bf-goal-1" },
      data: { lastVerifiedAt: new Date() },
    });
    expect(await cached("k", compute)).toBe(2);
    expect(await cached("k", compute)).toBe(2);
  });

  test("requests at the same time share one computation; a failure is not kept", async () => {
    let computed = 0;
    const slow = async () => {
      computed += 1;
      await new Promise((resolve) => setTimeout(resolve, 30));
      return computed;
    };
    expect(await Promise.all([cached("s", slow), cached("s", slow), cached("s", slow)])).toEqual([
      1, 1, 1,
    ]);
    await expect(cached("f", () => Promise.reject(new Error("no")))).rejects.toThrow("no");
    expect(await cached("f", async () => "then it works")).toBe("then it works");
  });

  test("the version moves once per committed transaction, and not for a rolled back one", async () => {
    const before = await version();
    await prisma.$transaction(async (tx) => {
      await tx.tag.create({ data: { slug: "cache-a", name: "A" } });
      await tx.tag.create({ data: { slug: "cache-b", name: "B" } });
      await tx.tag.updateMany({ where: { slug: "cache-a" }, data: { name: "A2" } });
    });
    expect(await version()).toBe(before + 1);
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.tag.create({ data: { slug: "cache-c", name: "C" } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await version()).toBe(before + 1);
    // Reading, and writing tables readers do not see (sessions), leave it alone.
    await prisma.recommendation.findMany({ take: 1 });
    const user = await prisma.user.create({ data: { email: "cache@example.org", name: "C" } });
    await prisma.session.create({
      data: { id: "cache-session", userId: user.id, expiresAt: new Date(Date.now() + 60_000) },
    });
    expect(await version()).toBe(before + 1);
  });
});

describe("cacheKey", () => {
  test("the same parts in any order give the same key; empty parts are left out", () => {
    expect(cacheKey("d", { b: 1, a: "x", c: undefined, e: "" })).toBe(
      cacheKey("d", { a: "x", b: 1 }),
    );
    expect(cacheKey("d", { a: "x" })).not.toBe(cacheKey("e", { a: "x" }));
  });
});

import { beforeEach, describe, expect, test } from "vitest";
import { prisma } from "./db.server.ts";
import { createUser } from "#tests/factories.ts";
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

describe("the catalogue version and item stamps (migration 0016)", () => {
  const A = "bf-goal-1";
  const B = "gao-16-223-ondcp-indicators";
  const versions = async () => {
    const [row] = await prisma.$queryRaw<
      Array<{ all: string; catalogue: string; history: string; a: string; b: string }>
    >`SELECT (SELECT "value"::text FROM "CacheVersion" WHERE id = 1) AS all,
        (SELECT "value"::text FROM "CacheVersion" WHERE id = 2) AS history,
        (SELECT "value"::text FROM "CacheVersion" WHERE id = 3) AS catalogue,
        (SELECT "cacheStamp"::text FROM "Recommendation" WHERE id = ${A}) AS a,
        (SELECT "cacheStamp"::text FROM "Recommendation" WHERE id = ${B}) AS b`;
    return row!;
  };
  /** Which of the versions `write` moved. */
  async function moved(write: () => Promise<unknown>) {
    const before = await versions();
    await write();
    const after = await versions();
    return (Object.keys(before) as Array<keyof typeof before>)
      .filter((name) => before[name] !== after[name])
      .sort();
  }
  const editor = () => createUser({ role: "editor" });

  test("anything written of one item moves its stamp alone, whoever writes it", async () => {
    const { id: userId } = await editor();
    const day = new Date("2026-11-30T00:00:00Z");
    expect(
      await moved(
        () =>
          prisma.$executeRaw`INSERT INTO "StatusChange" (id, "recommendationId", "fromStatus",
          "toStatus", summary, "occurredOn", "createdById")
          VALUES ('stamp-sc', ${A}, 'not_started', 'in_progress', 'x', now(), ${userId})`,
      ),
    ).toEqual(["a", "all", "history"]); // (its first change: the past shows its "from")
    expect(
      await moved(() =>
        prisma.evidence.create({
          data: {
            id: "stamp-ev",
            recommendationId: A,
            kind: "link",
            title: "Evidence",
            url: "https://example.org/e",
            documentedOn: day,
            createdById: userId,
          },
        }),
      ),
    ).toEqual(["a", "all"]);
    expect(
      await moved(
        () => prisma.$executeRaw`INSERT INTO "_EvidenceToStatusChange" ("A", "B")
          VALUES ('stamp-ev', 'stamp-sc')`,
      ),
    ).toEqual(["a", "all"]);
    const note = await prisma.note.create({
      data: { recommendationId: A, body: "first", visibility: "internal", authorId: userId },
    });
    expect(
      await moved(() =>
        prisma.noteRevision.create({
          data: { noteId: note.id, body: "first", visibility: "internal", editedById: userId },
        }),
      ),
    ).toEqual(["a", "all"]);
    expect(
      await moved(() => prisma.note.update({ where: { id: note.id }, data: { body: "second" } })),
    ).toEqual(["a", "all"]);
    expect(
      await moved(() =>
        prisma.recommendation.update({ where: { id: B }, data: { statusNote: "checked" } }),
      ),
    ).toEqual(["all", "b"]);
  });

  test("official statuses move the history version; links and the catalogue's shape move the catalogue's", async () => {
    const { id: userId } = await editor();
    expect(
      await moved(() =>
        prisma.officialStatusChange.create({
          data: {
            recommendationId: B,
            toStatus: "open",
            asOf: new Date("2026-11-02T00:00:00Z"),
            createdById: userId,
          },
        }),
      ),
    ).toEqual(["all", "b", "history"]);
    const tag = await prisma.tag.create({ data: { slug: "stamp-tag", name: "Stamp" } });
    expect(
      await moved(() =>
        prisma.recommendation.update({
          where: { id: A },
          data: { tags: { connect: { id: tag.id } } },
        }),
      ),
    ).toEqual(["a", "all", "catalogue"]);
    expect(
      await moved(() => prisma.tag.update({ where: { id: tag.id }, data: { nameEs: "Sello" } })),
    ).toEqual(["all", "catalogue"]);
    expect(
      await moved(() =>
        prisma.user.update({ where: { id: userId }, data: { publicName: "Someone" } }),
      ),
    ).toEqual(["all", "catalogue"]);
    expect(
      await moved(() =>
        prisma.recommendation.update({ where: { id: A }, data: { archivedAt: new Date() } }),
      ),
    ).toEqual(["a", "all", "catalogue"]);
  });
});

// Run by `npm test` in a zone west of UTC and one east of it: a Date parameter must reach
// PostgreSQL as the UTC instant it is, through the raw pool and through Prisma's adapter alike.
import { describe, expect, test } from "vitest";
import { Prisma } from "#app/generated/prisma/client.ts";
import { prisma } from "./db.server.ts";
import { sqlRows } from "./sql.server.ts";

// 03:00 UTC on 1 April: still 31 March west of UTC, already 1 April (12:00) in Tokyo.
const instant = new Date("2026-04-01T03:00:00Z");

describe("Date parameters, whatever the process's zone", () => {
  test("the raw pool sends the UTC instant", async () => {
    const rows = await sqlRows<Array<{ day: string; at: string }>>(
      Prisma.sql`SELECT ${instant}::date::text AS day, ${instant}::timestamp::text AS at`,
    );
    expect(rows).toEqual([{ day: "2026-04-01", at: "2026-04-01 03:00:00" }]);
  });

  test("Prisma's adapter sends the UTC instant", async () => {
    const rows = await prisma.$queryRaw<Array<{ day: string; at: string }>>`
      SELECT ${instant}::date::text AS day, ${instant}::timestamp::text AS at`;
    expect(rows).toEqual([{ day: "2026-04-01", at: "2026-04-01 03:00:00" }]);
  });
});

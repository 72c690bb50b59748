// The audit trail can be trusted: events are written only inside a transaction (the type-checker
// refuses the plain client) and the database refuses to change or remove them.
import pg from "pg";
import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import { rejection } from "#tests/rejection.ts";
import { recordAudit, type AuditInput } from "./audit.server.ts";

const event: AuditInput = {
  actorId: null,
  action: "test.recorded",
  entityType: "Test",
  entityId: "audit-test",
};

describe("recordAudit", () => {
  test("takes only a transaction client (checked by tsc; the calls are never run)", () => {
    const typeCheckOnly = () => {
      // @ts-expect-error The plain client is not a transaction: an event must share its change's.
      void recordAudit(prisma, event);
      void prisma.$transaction((tx) => recordAudit(tx, event));
    };
    expect(typeCheckOnly).toBeTypeOf("function");
  });

  test("writes the event in the caller's transaction, rolled back with it", async () => {
    const entityId = `rolled-back-${Date.now()}`;
    const error = await rejection(
      prisma.$transaction(async (tx) => {
        await recordAudit(tx, { ...event, entityId });
        throw new Error("the change failed");
      }),
    );
    expect(error).toBeInstanceOf(Error);
    expect(await prisma.auditEvent.count({ where: { entityId } })).toBe(0);
  });
});

describe("the audit table is append-only", () => {
  async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  test("UPDATE, DELETE and TRUNCATE are refused by the database, even for its superuser", async () => {
    const entityId = `kept-${Date.now()}`;
    await prisma.$transaction((tx) => recordAudit(tx, { ...event, entityId }));
    const before = await prisma.auditEvent.findFirstOrThrow({ where: { entityId } });
    const statements = [
      `UPDATE "AuditEvent" SET "action" = 'tampered' WHERE "entityId" = '${entityId}'`,
      `UPDATE "AuditEvent" SET "action" = 'tampered' WHERE false`,
      `DELETE FROM "AuditEvent" WHERE "entityId" = '${entityId}'`,
      `TRUNCATE "AuditEvent"`,
    ];
    for (const statement of statements) {
      const error = await withClient((client) => rejection(client.query(statement)));
      expect(String(error), statement).toMatch(/audit trail is append-only/);
    }
    await expect(
      prisma.auditEvent.update({ where: { id: before.id }, data: { action: "tampered" } }),
    ).rejects.toThrow(/append-only/);
    await expect(prisma.auditEvent.deleteMany({ where: { entityId } })).rejects.toThrow(
      /append-only/,
    );
    expect(await prisma.auditEvent.findFirstOrThrow({ where: { entityId } })).toEqual(before);
  });

  test("a user who appears in the trail cannot be deleted (the trail would change)", async () => {
    const user = await createUser({ role: "editor" });
    await prisma.$transaction((tx) => recordAudit(tx, { ...event, actorId: user.id }));
    await expect(prisma.user.delete({ where: { id: user.id } })).rejects.toThrow();
    expect(await prisma.user.count({ where: { id: user.id } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { actorId: user.id } })).toBe(1);
  });
});

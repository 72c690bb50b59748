import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { ValidationError } from "#app/utils/domain-errors.ts";
import { createUser } from "#tests/factories.ts";
import { createNote } from "#app/modules/tracking/notes.server.ts";
import { AUDIT_PAGE_SIZE, listAuditEvents, parseAuditQuery } from "./audit-query.server.ts";

// Events written straight into the table, at known times, for filtering and paging.
async function event(data: {
  at: string;
  actorId?: string | null;
  action?: string;
  entityType?: string;
  entityId?: string;
}) {
  return prisma.auditEvent.create({
    data: {
      at: new Date(data.at),
      actorId: data.actorId ?? null,
      action: data.action ?? "source.edited",
      entityType: data.entityType ?? "Source",
      entityId: data.entityId ?? "src-gao-21-322",
      before: { title: "Old" },
      after: { title: "New", version: 2 },
    },
  });
}

describe("listAuditEvents", () => {
  test("newest first, with the actor's name and email, 50 a page", async () => {
    const admin = await createUser({
      role: "admin",
      name: "Audit Admin",
      email: "audit@example.org",
    });
    for (let i = 0; i < 60; i++) {
      await event({
        at: `2020-01-01T00:${String(i).padStart(2, "0")}:00Z`,
        actorId: admin.id,
        entityType: "Paging",
        entityId: `p-${i}`,
      });
    }
    const first = await listAuditEvents({ entityType: "Paging", page: 1 });
    expect(first).toMatchObject({ total: 60, page: 1, pageCount: 2, pageSize: AUDIT_PAGE_SIZE });
    expect(first.items).toHaveLength(50);
    expect(first.items[0]).toMatchObject({
      entityId: "p-59",
      actor: { id: admin.id, name: "Audit Admin", email: "audit@example.org" },
      before: { title: "Old" },
      after: { title: "New", version: 2 },
    });
    expect(typeof first.items[0]?.id).toBe("string");
    const second = await listAuditEvents({ entityType: "Paging", page: 2 });
    expect(second.items.map((item) => item.entityId)).toEqual(
      Array.from({ length: 10 }, (_, i) => `p-${9 - i}`),
    );
    const beyond = await listAuditEvents({ entityType: "Paging", page: 9 });
    expect(beyond.items).toEqual([]);
  });

  test("filters by actor, entity type, entity and time, combined", async () => {
    const alice = await createUser({ name: "Alice" });
    const bob = await createUser({ name: "Bob" });
    await event({
      at: "2021-03-01T10:00:00Z",
      actorId: alice.id,
      entityType: "Filter",
      entityId: "a",
    });
    await event({
      at: "2021-03-02T10:00:00Z",
      actorId: bob.id,
      entityType: "Filter",
      entityId: "a",
    });
    await event({
      at: "2021-03-03T10:00:00Z",
      actorId: alice.id,
      entityType: "Filter",
      entityId: "b",
    });
    await event({
      at: "2021-03-04T10:00:00Z",
      actorId: alice.id,
      entityType: "Other",
      entityId: "a",
    });

    const ids = async (query: Parameters<typeof listAuditEvents>[0]) =>
      (await listAuditEvents(query)).items.map(
        (item) => `${item.entityType}:${item.entityId}:${item.actor?.name}`,
      );

    expect(await ids({ actorId: alice.id, page: 1 })).toEqual([
      "Other:a:Alice",
      "Filter:b:Alice",
      "Filter:a:Alice",
    ]);
    expect(await ids({ entityType: "Filter", entityId: "a", page: 1 })).toEqual([
      "Filter:a:Bob",
      "Filter:a:Alice",
    ]);
    expect(
      await ids({
        entityType: "Filter",
        from: new Date("2021-03-02T00:00:00Z"),
        to: new Date("2021-03-03T10:00:00Z"),
        page: 1,
      }),
    ).toEqual(["Filter:b:Alice", "Filter:a:Bob"]);
    expect(await ids({ actorId: bob.id, entityType: "Other", page: 1 })).toEqual([]);
  });

  test("lists every entity type for the filter menu, and real changes show up", async () => {
    const editor = await createUser({ role: "editor", name: "Note Writer" });
    const note = await createNote(editor.id, { recommendationId: "pc-1-alignment", body: "Hi" });
    const page = await listAuditEvents({ entityType: "Note", entityId: note.id, page: 1 });
    expect(page.items).toEqual([
      expect.objectContaining({
        action: "note.created",
        actor: expect.objectContaining({ name: "Note Writer" }),
      }),
    ]);
    expect(page.entityTypes).toEqual([...page.entityTypes].sort());
    expect(page.entityTypes).toEqual(expect.arrayContaining(["Catalogue", "Note"]));
    expect(new Set(page.entityTypes).size).toBe(page.entityTypes.length);
  });

  test("system events have no actor", async () => {
    const page = await listAuditEvents({ entityType: "Catalogue", page: 1 });
    expect(page.items[0]).toMatchObject({ action: "seed", actor: null });
  });
});

describe("parseAuditQuery", () => {
  test("days become the start of from and the end of to in the tracker's zone; blanks mean any", () => {
    const query = parseAuditQuery(
      new URLSearchParams("from=2024-01-01&to=2024-01-31&entityType=Note&actorId=&page=2"),
    );
    expect(query).toEqual({
      actorId: undefined,
      entityType: "Note",
      entityId: undefined,
      // America/Mexico_City, UTC−6, whatever the process's own zone.
      from: new Date("2024-01-01T06:00:00.000Z"),
      to: new Date("2024-02-01T05:59:59.999Z"),
      page: 2,
    });
    expect(parseAuditQuery(new URLSearchParams("")).page).toBe(1);
  });

  test("a bad date or page is a ValidationError naming it", () => {
    for (const [search, field] of [
      ["from=2024-02-30", "from"],
      ["from=0000-01-01", "from"],
      ["to=0000-12-31", "to"],
      ["to=10000-01-01", "to"],
      ["to=yesterday", "to"],
      ["page=0", "page"],
      ["page=abc", "page"],
    ]) {
      let error: unknown;
      try {
        parseAuditQuery(new URLSearchParams(search));
      } catch (caught) {
        error = caught;
      }
      expect(error, search).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors), search).toEqual([field]);
    }
  });
});

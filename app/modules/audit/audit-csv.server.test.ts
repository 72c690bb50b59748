// The audit log's CSV: the filtered events, all of them (read in batches), headed in the
// reader's language, formula cells neutralised; administrators only, a bad filter a 400.
import { parse } from "csv-parse/sync";
import { RouterContextProvider } from "react-router";
import { describe, expect, test } from "vitest";
import { userContext } from "#app/modules/auth/auth.server.ts";
import { loader } from "#app/routes/admin/audit-csv.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import { auditEventBatches } from "./audit-csv.server.ts";
import { recordAudit } from "./audit.server.ts";

type Who = { id: string; role: "viewer" | "editor" | "admin"; name: string; email: string };

async function csvThrough(query: string, user: Who | null, language = "en") {
  const request = new Request(`http://audit.test/admin/audit.csv?${query}`, {
    headers: { "Accept-Language": language },
  });
  const context = new RouterContextProvider();
  context.set(userContext, user as never);
  try {
    return await loader({ request, context, params: {} } as unknown as Parameters<
      typeof loader
    >[0]);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    const value = thrown as { init?: { status?: number }; data?: unknown };
    return new Response(JSON.stringify(value.data ?? null), { status: value.init?.status ?? 500 });
  }
}

const rows = (text: string) =>
  parse(text, { bom: true, columns: true }) as Array<Record<string, string>>;

async function seedEvents(actorId: string, entityType: string, count: number) {
  await prisma.$transaction(async (tx) => {
    for (let index = 0; index < count; index++) {
      await recordAudit(tx, {
        actorId,
        action: "note.edited",
        entityType,
        entityId: `${entityType}-${index}`,
        before: { body: `=HYPERLINK("http://evil.example","${index}")` },
        after: { body: `Plain ${index}` },
      });
    }
  });
}

describe("the audit log's CSV", () => {
  test("holds every filtered event, newest first, with the page's labels and formulas neutralised", async () => {
    const admin = await createUser({ role: "admin", name: "Ada Admin" });
    await seedEvents(admin.id, "CsvTest", 7);
    await seedEvents(admin.id, "OtherKind", 2);

    const response = await csvThrough("entityType=CsvTest", admin);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const text = await response.text();
    const events = rows(text);
    expect(events).toHaveLength(7);
    expect(Object.keys(events[0]!)).toEqual([
      "When (UTC)",
      "Who",
      "Their email",
      "Action",
      "Action code",
      "Kind of record",
      "Record",
      "Record id",
      "Changes",
      "Recorded before (JSON)",
      "Recorded after (JSON)",
    ]);
    expect(events.map((event) => event["Record id"])).toEqual(
      [6, 5, 4, 3, 2, 1, 0].map((index) => `CsvTest-${index}`),
    );
    expect(events[0]).toMatchObject({
      Who: "Ada Admin",
      "Their email": admin.email,
      Action: "Edited",
      "Action code": "note.edited",
      "Recorded after (JSON)": '{"body":"Plain 6"}',
    });
    // No cell starts with "=": the formula is kept as text.
    for (const event of events) {
      for (const cell of Object.values(event)) expect(cell).not.toMatch(/^[=+\-@]/);
    }
    expect(events[0]!.Changes).toContain('=HYPERLINK("http://evil.example","6")');
  });

  test("reads the events in batches, each after the last, whatever their number", async () => {
    const admin = await createUser({ role: "admin" });
    await seedEvents(admin.id, "BatchTest", 5);
    const batches = [];
    for await (const batch of auditEventBatches({ entityType: "BatchTest" }, 2)) {
      batches.push(batch.map((event) => event.entityId));
    }
    expect(batches).toEqual([
      ["BatchTest-4", "BatchTest-3"],
      ["BatchTest-2", "BatchTest-1"],
      ["BatchTest-0"],
    ]);
  });

  test("headers in Spanish for a Spanish reader", async () => {
    const admin = await createUser({ role: "admin" });
    await seedEvents(admin.id, "SpanishTest", 1);
    const response = await csvThrough("entityType=SpanishTest", admin, "es");
    const [event] = rows(await response.text());
    expect(event).toMatchObject({ Quién: admin.name, Acción: "Editado" });
  });

  test("administrators only; a bad filter is a 400 naming it", async () => {
    const editor = await createUser({ role: "editor" });
    const forbidden = await csvThrough("", editor);
    expect(forbidden.status).toBe(403);
    const anonymous = await csvThrough("", null);
    expect([302, 303]).toContain(anonymous.status);
    const admin = await createUser({ role: "admin" });
    const bad = await csvThrough("from=yesterday", admin);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("from");
  });
});

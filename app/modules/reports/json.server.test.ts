import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, test } from "vitest";
import { countsAsOf } from "#app/modules/recommendations/as-of.server.ts";
import { loader as schemaLoader } from "#app/routes/reports/schema.ts";
import { RouterContextProvider } from "react-router";
import { REPORT_SCHEMA_VERSION, reportJsonSchema } from "./report-schema.ts";
import {
  CHANGED_ITEM,
  EVIDENCE_URL,
  INTERNAL_NOTE,
  NOTED_ITEM,
  PUBLIC_NOTE,
  SOURCE,
  STAFF_EMAIL,
  STAFF_NAME,
  exportBytes,
  sourceItemsInDatabase,
  withExportFixture,
  type ExportFixture,
} from "./test-fixtures.server.ts";

const fixture = withExportFixture();

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(
  reportJsonSchema("http://reports.test"),
);

type Report = {
  schemaVersion: string;
  asOf: string;
  language: string;
  audience: string;
  filters: Record<string, string>;
  summary: { total: number; bySource: Array<{ code: string; total: number }> };
  items: Array<Record<string, unknown> & { id: string; status: { code: string; label: string } }>;
  history: Array<{ itemId: string; kind: string; date: string }>;
};

async function jsonOf(query: string, user: ExportFixture["staff"] | null = null) {
  const text = new TextDecoder().decode((await exportBytes("json", query, user)).bytes);
  const report = JSON.parse(text) as Report;
  const valid = validate(report);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  return { text, report };
}

describe("JSON export", () => {
  test("validates against its schema and matches the database for a filtered set", async () => {
    const { report, text } = await jsonOf(`source=${SOURCE}&lang=en`);
    expect(report.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(report.filters).toEqual({ source: SOURCE });
    expect(report.audience).toBe("public");
    const items = await sourceItemsInDatabase();
    expect(report.items.map((item) => item.id)).toEqual(items.map((item) => item.id));
    const counts = await countsAsOf({ source: SOURCE }, null);
    expect(report.summary.total).toBe(counts.total);
    expect(report.summary.bySource).toEqual([
      expect.objectContaining({ code: SOURCE, total: items.length }),
    ]);
    for (const [index, item] of items.entries()) {
      expect(report.items[index]).toMatchObject({
        reference: item.reference,
        title: item.title,
        titleEs: item.titleEs,
        status: { code: item.status },
        country: { code: item.country },
        actors: item.actors.map((actor) => ({ code: actor.code, name: actor.name })),
        url: `http://reports.test/recommendations/${item.id}`,
      });
    }
    const changed = report.items.find((item) => item.id === CHANGED_ITEM)!;
    expect(changed).toMatchObject({
      status: { code: "stalled", label: "Stalled" },
      officialStatus: { code: "closed_implemented", asOf: "2025-12-01" },
      lastChange: { date: "2025-11-20", from: { code: "in_progress" }, to: { code: "stalled" } },
      latestEvidence: { kind: "link", url: EVIDENCE_URL, date: "2025-03-01" },
      latestNote: null,
    });
    // Who recorded it, by role: the recorder did not choose to be named publicly.
    expect(changed.lastChange).toMatchObject({ recordedBy: "Editor" });
    // A public note is public information.
    expect(report.items.find((item) => item.id === NOTED_ITEM)).toMatchObject({
      latestNote: { visibility: { code: "public" }, body: PUBLIC_NOTE },
    });
    expect(text).not.toContain(INTERNAL_NOTE);
    expect(text).not.toContain(STAFF_NAME);
    expect(text).not.toContain(STAFF_EMAIL);
  });

  test("staff get the latest note, internal or public, and who recorded the change, never emails", async () => {
    const { report, text } = await jsonOf(`source=${SOURCE}&asOf=2025-06-30`, fixture.staff);
    expect(report.audience).toBe("staff");
    expect(report.asOf).toBe("2025-06-30");
    const changed = report.items.find((item) => item.id === CHANGED_ITEM)!;
    expect(changed).toMatchObject({
      status: { code: "in_progress" },
      officialStatus: { code: "open", asOf: "2025-04-01" },
      lastChange: { date: "2025-03-10", recordedBy: STAFF_NAME },
      latestNote: { visibility: { code: "internal" }, body: INTERNAL_NOTE, author: STAFF_NAME },
    });
    expect(text).not.toContain(STAFF_EMAIL);
  });

  test("the history lists the period's status and official changes of the set", async () => {
    const { report } = await jsonOf(`source=${SOURCE}&asOf=2025-12-31&from=2025-01-01`);
    expect(report.history.map((entry) => [entry.kind, entry.date, entry.itemId])).toEqual([
      ["status", "2025-03-10", CHANGED_ITEM],
      ["official", "2025-04-01", CHANGED_ITEM],
      ["status", "2025-11-20", CHANGED_ITEM],
      ["official", "2025-12-01", CHANGED_ITEM],
    ]);
    const later = await jsonOf(`source=${SOURCE}&asOf=2025-12-31&from=2025-06-01`);
    expect(later.report.history.map((entry) => entry.date)).toEqual(["2025-11-20", "2025-12-01"]);
    // The default period is the as-of date's quarter.
    const quarter = await jsonOf(`source=${SOURCE}&asOf=2025-12-31`);
    expect(quarter.report.history.map((entry) => entry.date)).toEqual(["2025-11-20", "2025-12-01"]);
  });

  test("an empty set is a valid report", async () => {
    const { report } = await jsonOf(`q=${encodeURIComponent("no item has this text")}`);
    expect(report.items).toEqual([]);
    expect(report.summary.total).toBe(0);
  });

  test("/reports/schema.json serves the schema as application/schema+json", async () => {
    const context = new RouterContextProvider();
    const response = (await schemaLoader({
      request: new Request("http://reports.test/reports/schema.json"),
      context,
      params: {},
    } as unknown as Parameters<typeof schemaLoader>[0])) as Response;
    expect(response.headers.get("Content-Type")).toMatch(/^application\/schema\+json/);
    const schema = (await response.json()) as { $id: string; $schema: string };
    expect(schema.$id).toBe("http://reports.test/reports/schema.json");
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });
});

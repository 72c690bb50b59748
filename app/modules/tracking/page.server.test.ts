import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import { addEvidence } from "./evidence.server.ts";
import { createNote } from "./notes.server.ts";
import { loadTrackingPanel } from "./page.server.ts";
import { changeStatus } from "./status-change.server.ts";

const ITEM = "gao-21-322-atf-data";
const staff = { name: "Petra Panel", email: "petra.panel@example.org" };
let editor: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  editor = await createUser({ ...staff, role: "editor" });
  const { version } = await prisma.recommendation.findUniqueOrThrow({ where: { id: ITEM } });
  await changeStatus(editor.id, {
    recommendationId: ITEM,
    expectedVersion: String(version),
    toStatus: "in_progress",
    summary: "ATF began reviewing its trace data.",
    occurredOn: "2025-03-10",
  });
  await addEvidence(editor.id, {
    recommendationId: ITEM,
    kind: "link",
    url: "https://www.gao.gov/products/gao-21-322",
    title: "GAO product page",
    documentedOn: "2025-03-01",
  });
  await createNote(editor.id, {
    recommendationId: ITEM,
    body: "A public note.",
    visibility: "public",
  });
  await prisma.officialStatusChange.create({
    data: {
      recommendationId: ITEM,
      fromStatus: null,
      toStatus: "open",
      asOf: new Date("2025-04-01T00:00:00Z"),
      createdById: editor.id,
    },
  });
});

describe("the item page's tracking panel", () => {
  test("anonymous readers get the history without who recorded it: no name, email or id", async () => {
    const panel = await loadTrackingPanel(ITEM, null);
    const types = panel.timeline.map((entry) => entry.type);
    expect(types).toEqual(
      expect.arrayContaining(["status_change", "official_status_change", "evidence", "note"]),
    );
    expect(panel.evidence).toHaveLength(1);
    // What the page's loader sends, as the browser receives it.
    const sent = JSON.stringify(panel);
    expect(sent).not.toContain(staff.name);
    expect(sent).not.toContain(staff.email);
    expect(sent).not.toContain(editor.id);
  });

  test("staff see who recorded each entry", async () => {
    const viewer = {
      id: "v",
      email: "v@example.org",
      name: "V",
      role: "viewer" as const,
      locale: null,
    };
    const panel = await loadTrackingPanel(ITEM, viewer);
    expect(panel.timeline.every((entry) => entry.by?.name === staff.name)).toBe(true);
    expect(panel.evidence[0]?.createdBy?.name).toBe(staff.name);
  });
});

describe("how the public read who recorded an entry", () => {
  const everyone = async () => {
    const panel = await loadTrackingPanel(ITEM, null);
    return [
      ...panel.timeline.map((entry) => entry.by),
      ...panel.evidence.map((item) => item.createdBy),
    ];
  };

  test("by default, the person's role: no name, no id", async () => {
    expect(await everyone()).toEqual(Array(5).fill({ role: "editor" }));
  });

  test("the display name an admin gave them, when they have one", async () => {
    await prisma.user.update({
      where: { id: editor.id },
      data: { publicName: "Coalition secretariat" },
    });
    const shown = await everyone();
    expect(shown).toEqual(Array(5).fill({ name: "Coalition secretariat" }));
    expect(JSON.stringify(shown)).not.toContain(editor.id);
  });

  test("their own name once they chose to be shown publicly, still without an id", async () => {
    await prisma.user.update({ where: { id: editor.id }, data: { showNamePublicly: true } });
    const panel = await loadTrackingPanel(ITEM, null);
    const sent = JSON.stringify(panel);
    expect(sent).toContain(staff.name);
    expect(sent).not.toContain(editor.id);
    expect(sent).not.toContain(staff.email);
  });
});

import { dayIn, dayOf, setTimeZone, timeZone } from "#app/utils/dates.ts";
import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { NotFoundError } from "#app/utils/domain-errors.ts";
import { createUser } from "#tests/factories.ts";
import { sampleFiles, upload } from "#tests/tracking-factories.ts";
import { addEvidence, archiveEvidence } from "./evidence.server.ts";
import { createNote, deleteNote, editNote } from "./notes.server.ts";
import { changeStatus } from "./status-change.server.ts";
import { getTimeline, isStale } from "./timeline.server.ts";
import { updateTracking } from "./tracking-fields.server.ts";

describe("getTimeline", () => {
  test("the latest entries include an undated official change by its day in the tracker's zone", async () => {
    const id = "gao-16-223-ondcp-indicators";
    const zone = timeZone();
    setTimeZone("Asia/Tokyo");
    try {
      // Two dated 31 March, entered later; one undated, entered at 05:00 on 1 April in Tokyo
      // (20:00 on 31 March in UTC): it is the latest.
      const change = (
        createdAt: string,
        asOf: string | null,
        toStatus: "open" | "closed_implemented",
      ) =>
        prisma.officialStatusChange.create({
          data: {
            recommendationId: id,
            fromStatus: toStatus === "open" ? "closed_implemented" : "open",
            toStatus,
            asOf: asOf ? new Date(`${asOf}T00:00:00Z`) : null,
            createdAt: new Date(createdAt),
          },
        });
      const latest = await change("2026-03-31T20:00:00Z", null, "closed_implemented");
      await change("2026-03-31T21:00:00Z", "2026-03-31", "open");
      await change("2026-03-31T22:00:00Z", "2026-03-31", "closed_implemented");
      const { entries } = await getTimeline(id, { includeInternal: false, limit: 1 });
      expect(entries.map((entry) => entry.id)).toEqual([latest.id]);
    } finally {
      setTimeZone(zone);
    }
  });

  test("a change of official status is an entry dated by the issuer; a new date alone is not", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-16-235-atf-targets";
    const version = async () =>
      (await prisma.recommendation.findUniqueOrThrow({ where: { id } })).version;
    const save = async (statusOfficial: string, statusOfficialAsOf: string) =>
      updateTracking(editor.id, {
        recommendationId: id,
        expectedVersion: await version(),
        statusOfficial,
        statusOfficialAsOf,
        actors: ["ATF"],
      });
    await save("open", "2024-03-01");
    await save("open", "2024-09-01");
    await save("closed_implemented", "2025-01-15");
    const entries = (await getTimeline(id, { includeInternal: false })).entries.filter(
      (entry) => entry.type === "official_status_change",
    );
    expect(
      entries.map((entry) => ({
        date: entry.date.toISOString().slice(0, 10),
        issuer: entry.issuer,
        from: entry.fromStatus,
        to: entry.toStatus,
      })),
    ).toEqual([
      {
        date: "2025-01-15",
        issuer: "U.S. Government Accountability Office",
        from: "open",
        to: "closed_implemented",
      },
      {
        date: "2024-03-01",
        issuer: "U.S. Government Accountability Office",
        from: null,
        to: "open",
      },
    ]);
  });

  test("merges status changes, evidence and notes, newest first by when they happened", async () => {
    const editor = await createUser({ role: "editor", name: "Eva Editor" });
    const admin = await createUser({ role: "admin" });
    const id = "gao-21-322-atf-data";

    const older = await addEvidence(editor.id, {
      recommendationId: id,
      kind: "link",
      url: "https://www.atf.gov/report-2023",
      title: "ATF annual report",
      documentedOn: "2023-06-30",
    });
    const change = await changeStatus(editor.id, {
      recommendationId: id,
      expectedVersion: 1,
      toStatus: "partially_implemented",
      summary: "ATF published part of the data.",
      occurredOn: "2024-01-10",
      evidenceIds: [older.id],
      newEvidence: [
        {
          kind: "file",
          file: upload("data.xlsx", sampleFiles.xlsx()),
          title: "Data tables",
          documentedOn: "2024-01-09",
        },
      ],
    });
    const undated = await addEvidence(editor.id, {
      recommendationId: id,
      kind: "link",
      url: "https://example.org/news",
      title: "News story",
    });
    const archived = await addEvidence(editor.id, {
      recommendationId: id,
      kind: "link",
      url: "https://example.org/wrong",
      title: "Wrong link",
      documentedOn: "2024-02-01",
    });
    await archiveEvidence(editor.id, {
      recommendationId: archived.recommendationId,
      evidenceId: archived.id,
      expectedVersion: 1,
    });
    const publicNote = await createNote(editor.id, {
      recommendationId: id,
      body: "Public **note**",
      visibility: "public",
    });
    const internalNote = await createNote(editor.id, { recommendationId: id, body: "Internal" });
    const deleted = await createNote(editor.id, {
      recommendationId: id,
      body: "Deleted",
      visibility: "public",
    });
    await deleteNote(
      { id: admin.id, role: "admin" },
      { recommendationId: deleted.recommendationId, noteId: deleted.id, expectedVersion: 1 },
    );
    const fileEvidenceId = change.evidenceIds.find((item) => item !== older.id)!;

    const { entries: staff } = await getTimeline(id, { includeInternal: true });
    // Staff keep the deleted note in the history, marked deleted.
    expect(staff.map((entry) => [entry.type, entry.id])).toEqual([
      ["note", deleted.id],
      ["note", internalNote.id],
      ["note", publicNote.id],
      ["evidence", undated.id],
      ["status_change", change.id],
      ["evidence", fileEvidenceId],
      ["evidence", older.id],
    ]);

    const statusEntry = staff.find((entry) => entry.type === "status_change")!;
    expect(statusEntry).toMatchObject({
      fromStatus: "not_started",
      toStatus: "partially_implemented",
      summary: "ATF published part of the data.",
      by: { id: editor.id, name: "Eva Editor" },
    });
    expect(statusEntry.date.toISOString().slice(0, 10)).toBe("2024-01-10");
    expect(statusEntry.enteredAt.getTime()).toBeGreaterThan(statusEntry.date.getTime());
    if (statusEntry.type !== "status_change") throw new Error("narrowing");
    expect(statusEntry.evidence).toEqual([
      {
        id: older.id,
        kind: "link",
        title: "ATF annual report",
        url: "https://www.atf.gov/report-2023",
        fileName: null,
        archived: false,
      },
      {
        id: fileEvidenceId,
        kind: "file",
        title: "Data tables",
        url: null,
        fileName: "data.xlsx",
        archived: false,
      },
    ]);

    const undatedEntry = staff.find((entry) => entry.id === undated.id)!;
    expect(undatedEntry).toMatchObject({ type: "evidence", dated: false });
    // Undated evidence stands on the day it was entered, in the tracker's zone.
    expect(dayOf(undatedEntry.date)).toBe(dayIn(undatedEntry.enteredAt, "America/Mexico_City"));

    const noteEntry = staff.find((entry) => entry.id === publicNote.id)!;
    expect(noteEntry).toMatchObject({ type: "note", html: "<p>Public <strong>note</strong></p>" });

    const { entries: visitors } = await getTimeline(id, { includeInternal: false });
    expect(staff.find((entry) => entry.id === deleted.id)).toMatchObject({
      deletedAt: expect.any(Date),
    });
    expect(visitors.map((entry) => entry.id)).toEqual(
      staff
        .map((entry) => entry.id)
        .filter((entryId) => entryId !== internalNote.id && entryId !== deleted.id),
    );
    expect(visitors.some((entry) => entry.id === archived.id || entry.id === deleted.id)).toBe(
      false,
    );
  });

  test("evidence archived after a change is still listed on it, marked archived", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-21-322-ice-data";
    const change = await changeStatus(editor.id, {
      recommendationId: id,
      expectedVersion: 1,
      toStatus: "implemented",
      summary: "Done",
      occurredOn: "2024-03-01",
      newEvidence: [{ kind: "link", url: "https://example.org/x", title: "Proof" }],
    });
    await archiveEvidence(editor.id, {
      recommendationId: id,
      evidenceId: change.evidenceIds[0]!,
      expectedVersion: 1,
    });
    const { entries: timeline } = await getTimeline(id, { includeInternal: true });
    expect(timeline.map((entry) => entry.type)).toEqual(["status_change"]);
    const entry = timeline[0]!;
    if (entry.type !== "status_change") throw new Error("narrowing");
    expect(entry.evidence).toEqual([expect.objectContaining({ title: "Proof", archived: true })]);
  });

  test("an item with no history has an empty timeline; an unknown one is not found", async () => {
    expect(await getTimeline("pc-4-prevention", { includeInternal: true })).toEqual({
      entries: [],
      hasEarlier: false,
    });
    await expect(getTimeline("nope", { includeInternal: false })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  test("staff read a note's earlier texts, oldest first, with who replaced each; the public none", async () => {
    const editor = await createUser({ role: "editor", name: "Nora Notes" });
    const id = "pc-3-industry-accountability";
    const note = await createNote(editor.id, {
      recommendationId: id,
      body: "First **draft**",
      visibility: "internal",
    });
    const acting = { id: editor.id, role: editor.role };
    await editNote(acting, {
      recommendationId: id,
      noteId: note.id,
      expectedVersion: 1,
      body: "Second draft",
      visibility: "internal",
    });
    await editNote(acting, {
      recommendationId: id,
      noteId: note.id,
      expectedVersion: 2,
      body: "Published text",
      visibility: "public",
    });
    const staffEntry = (await getTimeline(id, { includeInternal: true })).entries.find(
      (entry) => entry.id === note.id,
    );
    expect(staffEntry).toMatchObject({
      type: "note",
      html: "<p>Published text</p>",
      revisionCount: 2,
      deletedAt: null,
      revisions: [
        {
          html: "<p>First <strong>draft</strong></p>",
          visibility: "internal",
          by: { name: "Nora Notes" },
        },
        { html: "<p>Second draft</p>", visibility: "internal", by: { name: "Nora Notes" } },
      ],
    });
    const publicEntry = (await getTimeline(id, { includeInternal: false })).entries.find(
      (entry) => entry.id === note.id,
    );
    expect(publicEntry).toMatchObject({ revisionCount: 2, revisions: [] });
  });

  test("a deleted author leaves the entry without a name", async () => {
    // Written without an audit event: a user who appears in the (append-only) trail cannot be
    // deleted, only one who never changed anything.
    const editor = await createUser({ role: "editor" });
    const note = await prisma.note.create({
      data: {
        recommendationId: "pc-3-industry-accountability",
        authorId: editor.id,
        body: "x",
        visibility: "public",
      },
    });
    await prisma.user.delete({ where: { id: editor.id } });
    const { entries: timeline } = await getTimeline("pc-3-industry-accountability", {
      includeInternal: false,
    });
    expect(timeline.find((entry) => entry.id === note.id)?.by).toBeNull();
  });
});

describe("long timelines", () => {
  test("the latest entries only, newest first, and whether earlier ones were left out", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "pc-2-forensics-data";
    const statuses = ["in_progress", "stalled"] as const;
    for (let day = 1; day <= 12; day++) {
      await prisma.statusChange.create({
        data: {
          recommendationId: id,
          fromStatus: statuses[(day + 1) % 2]!,
          toStatus: statuses[day % 2]!,
          summary: `Step ${day}`,
          occurredOn: new Date(Date.UTC(2024, 0, day)),
          createdById: editor.id,
        },
      });
    }
    await prisma.note.create({
      data: {
        recommendationId: id,
        authorId: editor.id,
        body: "Mine",
        visibility: "public",
        createdAt: new Date(Date.UTC(2024, 0, 6, 12)),
      },
    });
    const all = await getTimeline(id, { includeInternal: true });
    expect(all.hasEarlier).toBe(false);
    expect(all.entries).toHaveLength(13);
    const latest = await getTimeline(id, { includeInternal: true, limit: 5 });
    expect(latest.hasEarlier).toBe(true);
    expect(latest.entries).toEqual(all.entries.slice(0, 5));
    const note = (await getTimeline(id, { includeInternal: true, limit: 8 })).entries.find(
      (entry) => entry.type === "note",
    );
    // Its markdown goes to its author only, for the edit form.
    expect(note).not.toHaveProperty("body");
    const mine = (
      await getTimeline(id, { includeInternal: true, limit: 8, viewerId: editor.id })
    ).entries.find((entry) => entry.type === "note");
    expect(mine).toMatchObject({ body: "Mine", version: 1 });
    expect(await getTimeline(id, { includeInternal: true, limit: 13 })).toMatchObject({
      hasEarlier: false,
    });
  });
});

describe("isStale", () => {
  const now = new Date("2025-06-01T12:00:00Z");
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

  test("never checked is not stale (it is counted apart)", () => {
    expect(isStale(null, now)).toBe(false);
    expect(isStale(undefined, now)).toBe(false);
  });

  test("stale only after more than 90 days", () => {
    expect(isStale(daysAgo(0), now)).toBe(false);
    expect(isStale(daysAgo(89), now)).toBe(false);
    expect(isStale(daysAgo(90), now)).toBe(false);
    expect(isStale(new Date(daysAgo(90).getTime() - 1000), now)).toBe(true);
    expect(isStale(daysAgo(365), now)).toBe(true);
  });

  test("accepts an ISO string, as loaders serialize dates", () => {
    expect(isStale(daysAgo(10).toISOString(), now)).toBe(false);
    expect(isStale(daysAgo(100).toISOString(), now)).toBe(true);
  });
});

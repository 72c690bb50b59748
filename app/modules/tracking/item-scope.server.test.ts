// Every change on the recommendation page acts only on that page's item: a note or piece of
// evidence of another item is not found there, and nothing changes on an archived item.
import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { ArchivedError, NotFoundError } from "#app/utils/domain-errors.ts";
import { createUser } from "#tests/factories.ts";
import { rejection } from "#tests/rejection.ts";
import { addEvidence, archiveEvidence, updateEvidence } from "./evidence.server.ts";
import { createNote, deleteNote, editNote } from "./notes.server.ts";
import { runTrackingAction } from "./page-actions.server.ts";
import { changeStatus } from "./status-change.server.ts";
import { markVerified, updateTracking } from "./tracking-fields.server.ts";

const link = (recommendationId: string) => ({
  recommendationId,
  kind: "link" as const,
  url: "https://example.org/report",
  title: "Report",
});

/** What a thrown `data(...)` carries. */
function thrownStatus(error: unknown): { status?: number; message?: unknown } {
  const value = error as { init?: { status?: number }; data?: { message?: unknown } };
  return { status: value.init?.status, message: value.data?.message };
}

function form(fields: Record<string, string>) {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.set(key, value);
  return body;
}

async function snapshot(noteId: string, evidenceId: string) {
  return {
    note: await prisma.note.findUniqueOrThrow({ where: { id: noteId } }),
    evidence: await prisma.evidence.findUniqueOrThrow({ where: { id: evidenceId } }),
    audit: await prisma.auditEvent.count({ where: { entityId: { in: [noteId, evidenceId] } } }),
  };
}

describe("a note or evidence of another item", () => {
  test("is not found through this item's page, and is left as it was", async () => {
    const author = await createUser({ role: "admin" });
    const actor = { id: author.id, role: author.role };
    const owner = "gao-16-223-dhs-mou";
    const other = "gao-16-223-doj-mou";
    const note = await createNote(author.id, { recommendationId: owner, body: "Mine" });
    const evidence = await addEvidence(author.id, link(owner));
    const before = await snapshot(note.id, evidence.id);

    const attempts: Array<[string, () => Promise<unknown>]> = [
      [
        "note edit",
        () =>
          editNote(actor, {
            recommendationId: other,
            noteId: note.id,
            expectedVersion: 1,
            body: "Changed",
          }),
      ],
      [
        "note delete",
        () => deleteNote(actor, { recommendationId: other, noteId: note.id, expectedVersion: 1 }),
      ],
      [
        "evidence archive",
        () =>
          archiveEvidence(author.id, {
            recommendationId: other,
            evidenceId: evidence.id,
            expectedVersion: 1,
          }),
      ],
      [
        "evidence edit",
        () =>
          updateEvidence(author.id, {
            recommendationId: other,
            evidenceId: evidence.id,
            expectedVersion: 1,
            title: "Changed",
            url: "https://example.org/changed",
          }),
      ],
    ];
    for (const [name, attempt] of attempts) {
      expect(await rejection(attempt()), name).toBeInstanceOf(NotFoundError);
    }
    expect(await snapshot(note.id, evidence.id)).toEqual(before);
  });

  test("the page's action answers 404 for another item's note or evidence", async () => {
    const admin = await createUser({ role: "admin" });
    const user = { id: admin.id, role: admin.role };
    const note = await createNote(admin.id, { recommendationId: "pc-1-alignment", body: "x" });
    const evidence = await addEvidence(admin.id, link("pc-1-alignment"));
    const before = await snapshot(note.id, evidence.id);
    const posts: Array<Record<string, string>> = [
      { intent: "note-edit", noteId: note.id, expectedVersion: "1", body: "Changed" },
      { intent: "note-delete", noteId: note.id, expectedVersion: "1" },
      { intent: "evidence-archive", evidenceId: evidence.id, expectedVersion: "1" },
    ];
    for (const post of posts) {
      const error = await rejection(runTrackingAction(user, "pc-4-prevention", form(post)));
      expect(thrownStatus(error).status, post.intent).toBe(404);
    }
    expect(await snapshot(note.id, evidence.id)).toEqual(before);
  });
});

describe("an archived item", () => {
  test("refuses every change with ArchivedError and keeps what it had", async () => {
    const admin = await createUser({ role: "admin" });
    const actor = { id: admin.id, role: admin.role };
    const id = "gao-16-235-atf-targets";
    const note = await createNote(admin.id, { recommendationId: id, body: "Before" });
    const evidence = await addEvidence(admin.id, link(id));
    const archivedAt = new Date();
    await prisma.recommendation.update({ where: { id }, data: { archivedAt } });
    const item = await prisma.recommendation.findUniqueOrThrow({ where: { id } });
    const before = await snapshot(note.id, evidence.id);
    const counts = async () => ({
      notes: await prisma.note.count({ where: { recommendationId: id } }),
      evidence: await prisma.evidence.count({ where: { recommendationId: id } }),
      changes: await prisma.statusChange.count({ where: { recommendationId: id } }),
    });
    const countsBefore = await counts();

    const attempts: Array<[string, () => Promise<unknown>]> = [
      ["note add", () => createNote(admin.id, { recommendationId: id, body: "New" })],
      [
        "note edit",
        () =>
          editNote(actor, {
            recommendationId: id,
            noteId: note.id,
            expectedVersion: 1,
            body: "After",
          }),
      ],
      [
        "note delete",
        () => deleteNote(actor, { recommendationId: id, noteId: note.id, expectedVersion: 1 }),
      ],
      ["evidence add", () => addEvidence(admin.id, link(id))],
      [
        "evidence archive",
        () =>
          archiveEvidence(admin.id, {
            recommendationId: id,
            evidenceId: evidence.id,
            expectedVersion: 1,
          }),
      ],
      [
        "evidence edit",
        () =>
          updateEvidence(admin.id, {
            recommendationId: id,
            evidenceId: evidence.id,
            expectedVersion: 1,
            title: "After",
            url: "https://example.org/after",
          }),
      ],
      [
        "status",
        () =>
          changeStatus(admin.id, {
            recommendationId: id,
            expectedVersion: item.version,
            toStatus: item.status === "in_progress" ? "not_started" : "in_progress",
            summary: "Moved",
            occurredOn: "2024-01-01",
          }),
      ],
      [
        "tracking",
        () =>
          updateTracking(admin.id, {
            recommendationId: id,
            expectedVersion: item.version,
            priority: "high",
          }),
      ],
      ["verify", () => markVerified(id, admin.id)],
    ];
    for (const [name, attempt] of attempts) {
      expect(await rejection(attempt()), name).toBeInstanceOf(ArchivedError);
    }
    expect(await snapshot(note.id, evidence.id)).toEqual(before);
    expect(await counts()).toEqual(countsBefore);
    const after = await prisma.recommendation.findUniqueOrThrow({ where: { id } });
    expect(after).toEqual(item);
  });

  test("the page's action answers 409 with a message that says the item is archived", async () => {
    const admin = await createUser({ role: "admin" });
    const id = "gao-16-235-state-reports";
    const note = await createNote(admin.id, { recommendationId: id, body: "Before" });
    await prisma.recommendation.update({ where: { id }, data: { archivedAt: new Date() } });
    const error = await rejection(
      runTrackingAction(
        { id: admin.id, role: admin.role },
        id,
        form({ intent: "note-delete", noteId: note.id, expectedVersion: "1" }),
      ),
    );
    expect(thrownStatus(error)).toEqual({
      status: 409,
      message: "hardeningDomain.archivedItem",
    });
    const verify = await rejection(
      runTrackingAction({ id: admin.id, role: admin.role }, id, form({ intent: "verify" })),
    );
    expect(thrownStatus(verify).status).toBe(409);
  });
});

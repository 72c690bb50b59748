import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import {
  ForbiddenError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
} from "#app/utils/domain-errors.ts";
import { createUser } from "#tests/factories.ts";
import { failAuditEvents, withRowLocked } from "#tests/tracking-factories.ts";
import { createNote, deleteNote, editNote, listNotes } from "./notes.server.ts";
import { rejection } from "#tests/rejection.ts";

describe("createNote", () => {
  test("stores the markdown, internal by default, audits it and moves lastActivityAt", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-16-223-dhs-mou";
    const before = await prisma.recommendation.findUniqueOrThrow({ where: { id } });
    const note = await createNote(editor.id, {
      recommendationId: id,
      body: "Called **DHS** on Monday.",
    });
    expect(note).toMatchObject({
      visibility: "internal",
      version: 1,
      revisionCount: 0,
      author: { id: editor.id },
    });
    expect(note.html).toBe("<p>Called <strong>DHS</strong> on Monday.</p>");
    const row = await prisma.note.findUniqueOrThrow({ where: { id: note.id } });
    expect(row).toMatchObject({ authorId: editor.id, body: "Called **DHS** on Monday." });
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityType: "Note", entityId: note.id },
    });
    expect(audit).toMatchObject({ action: "note.created", actorId: editor.id });
    expect(audit.after).toMatchObject({ recommendationId: id, visibility: "internal", version: 1 });
    const after = await prisma.recommendation.findUniqueOrThrow({ where: { id } });
    expect(after.version).toBe(before.version);
    expect(after.lastActivityAt.getTime()).toBeGreaterThan(before.lastActivityAt.getTime());
  });

  test("an empty, too long or wrongly visible note is refused and nothing is written", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-16-223-doj-mou";
    const count = () => prisma.note.count({ where: { recommendationId: id } });
    const before = await count();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ body: "   " }, "body"],
      [{ body: "x".repeat(20_001) }, "body"],
      [{ body: "ok", visibility: "everyone" }, "visibility"],
    ];
    for (const [input, field] of cases) {
      const error = await rejection(
        createNote(editor.id, { recommendationId: id, body: "", ...input }),
      );
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors)).toEqual([field]);
    }
    expect(await count()).toBe(before);
    await createNote(editor.id, { recommendationId: id, body: "x".repeat(20_000) });
    expect(await count()).toBe(before + 1);
  });

  test("a note on an unknown recommendation is not found", async () => {
    const editor = await createUser({ role: "editor" });
    await expect(
      createNote(editor.id, { recommendationId: "nope", body: "x" }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  test("when the audit event cannot be written, the note is not kept", async () => {
    const editor = await createUser({ role: "editor" });
    const before = await prisma.note.count();
    const restore = await failAuditEvents("note.created");
    try {
      await expect(
        createNote(editor.id, { recommendationId: "pc-1-alignment", body: "lost" }),
      ).rejects.toThrow(/audit refused by test/);
    } finally {
      await restore();
    }
    expect(await prisma.note.count()).toBe(before);
  });
});

describe("editNote", () => {
  test("the author's edit keeps the earlier text as a revision and audits the diff", async () => {
    const author = await createUser({ role: "editor" });
    const note = await createNote(author.id, {
      recommendationId: "gao-16-235-atf-targets",
      body: "First text",
    });
    const edited = await editNote(
      { id: author.id, role: "editor" },
      {
        recommendationId: note.recommendationId,
        noteId: note.id,
        expectedVersion: 1,
        body: "Second text",
        visibility: "public",
      },
    );
    expect(edited).toMatchObject({ body: "Second text", visibility: "public", version: 2 });
    expect(edited.revisionCount).toBe(1);
    const revisions = await prisma.noteRevision.findMany({ where: { noteId: note.id } });
    expect(revisions).toEqual([
      expect.objectContaining({
        body: "First text",
        visibility: "internal",
        editedById: author.id,
      }),
    ]);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: note.id, action: "note.edited" },
    });
    expect(audit.before).toEqual({ body: "First text", visibility: "internal", version: 1 });
    expect(audit.after).toEqual({ body: "Second text", visibility: "public", version: 2 });
  });

  test("no one but the author may edit, not even an admin", async () => {
    const author = await createUser({ role: "editor" });
    const other = await createUser({ role: "editor" });
    const admin = await createUser({ role: "admin" });
    const note = await createNote(author.id, {
      recommendationId: "gao-16-235-state-reports",
      body: "Mine",
    });
    for (const actor of [other, admin]) {
      await expect(
        editNote(
          { id: actor.id, role: actor.role },
          {
            recommendationId: note.recommendationId,
            noteId: note.id,
            expectedVersion: 1,
            body: "Theirs",
          },
        ),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    const row = await prisma.note.findUniqueOrThrow({ where: { id: note.id } });
    expect(row).toMatchObject({ body: "Mine", version: 1 });
    expect(await prisma.noteRevision.count({ where: { noteId: note.id } })).toBe(0);
  });

  test("an edit from an old version is refused with the current text and the change", async () => {
    const author = await createUser({ role: "editor", name: "Author" });
    const actor = { id: author.id, role: "editor" as const };
    const note = await createNote(author.id, {
      recommendationId: "pc-2-forensics-data",
      body: "v1",
    });
    await editNote(actor, {
      recommendationId: note.recommendationId,
      noteId: note.id,
      expectedVersion: 1,
      body: "v2 (other tab)",
    });
    const error = await rejection(
      editNote(actor, {
        recommendationId: note.recommendationId,
        noteId: note.id,
        expectedVersion: 1,
        body: "v2 (this tab)",
      }),
    );
    expect(error).toBeInstanceOf(VersionConflictError);
    const conflict = error as VersionConflictError;
    expect(conflict.current).toEqual({
      body: "v2 (other tab)",
      visibility: "internal",
      version: 2,
    });
    expect(conflict.changes).toHaveLength(1);
    expect(conflict.changes[0]).toMatchObject({
      action: "note.edited",
      actor: { name: "Author" },
      after: { body: "v2 (other tab)", version: 2 },
    });
    expect(await prisma.noteRevision.count({ where: { noteId: note.id } })).toBe(1);
  });

  test("two concurrent edits of the same version: exactly one wins", async () => {
    const author = await createUser({ role: "editor" });
    const actor = { id: author.id, role: "editor" as const };
    const note = await createNote(author.id, {
      recommendationId: "pc-3-industry-accountability",
      body: "v1",
    });
    const results = await withRowLocked("Note", note.id, () =>
      Promise.allSettled(
        ["a", "b"].map((body) =>
          editNote(actor, {
            recommendationId: note.recommendationId,
            noteId: note.id,
            expectedVersion: 1,
            body,
          }),
        ),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(
      results.flatMap((result) => (result.status === "rejected" ? [result.reason] : [])),
    ).toEqual([expect.any(VersionConflictError)]);
    expect(await prisma.noteRevision.count({ where: { noteId: note.id } })).toBe(1);
  });

  test("when the audit event cannot be written, the edit and its revision are not kept", async () => {
    const author = await createUser({ role: "editor" });
    const note = await createNote(author.id, { recommendationId: "bf-goal-2", body: "v1" });
    const restore = await failAuditEvents("note.edited");
    try {
      await expect(
        editNote(
          { id: author.id, role: "editor" },
          {
            recommendationId: note.recommendationId,
            noteId: note.id,
            expectedVersion: 1,
            body: "v2",
          },
        ),
      ).rejects.toThrow(/audit refused by test/);
    } finally {
      await restore();
    }
    const row = await prisma.note.findUniqueOrThrow({ where: { id: note.id } });
    expect(row).toMatchObject({ body: "v1", version: 1 });
    expect(await prisma.noteRevision.count({ where: { noteId: note.id } })).toBe(0);
  });
});

describe("deleteNote", () => {
  test("only admins delete; the note is soft-deleted and audited", async () => {
    const author = await createUser({ role: "editor" });
    const admin = await createUser({ role: "admin" });
    const note = await createNote(author.id, { recommendationId: "bf-goal-3", body: "Bye" });
    await expect(
      deleteNote(
        { id: author.id, role: "editor" },
        { recommendationId: note.recommendationId, noteId: note.id, expectedVersion: 1 },
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect((await prisma.note.findUniqueOrThrow({ where: { id: note.id } })).deletedAt).toBeNull();

    await deleteNote(
      { id: admin.id, role: "admin" },
      { recommendationId: note.recommendationId, noteId: note.id, expectedVersion: 1 },
    );
    const row = await prisma.note.findUniqueOrThrow({ where: { id: note.id } });
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(row.version).toBe(2);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: note.id, action: "note.deleted" },
    });
    expect(audit.actorId).toBe(admin.id);
    expect(audit.after).toMatchObject({ version: 2 });

    await expect(
      deleteNote(
        { id: admin.id, role: "admin" },
        { recommendationId: note.recommendationId, noteId: note.id, expectedVersion: 2 },
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      editNote(
        { id: author.id, role: "editor" },
        { recommendationId: note.recommendationId, noteId: note.id, expectedVersion: 2, body: "x" },
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("listNotes", () => {
  test("rendered safely, newest first, deleted left out, internal only for staff", async () => {
    const author = await createUser({ role: "editor", name: "Writer" });
    const admin = await createUser({ role: "admin" });
    const id = "bf-1-public-health";
    const first = await createNote(author.id, {
      recommendationId: id,
      body: "Public <script>alert(1)</script> [link](javascript:alert(1))",
      visibility: "public",
    });
    const internal = await createNote(author.id, { recommendationId: id, body: "Internal" });
    const deleted = await createNote(author.id, {
      recommendationId: id,
      body: "Deleted",
      visibility: "public",
    });
    await deleteNote(
      { id: admin.id, role: "admin" },
      { recommendationId: deleted.recommendationId, noteId: deleted.id, expectedVersion: 1 },
    );
    await editNote(
      { id: author.id, role: "editor" },
      {
        recommendationId: first.recommendationId,
        noteId: first.id,
        expectedVersion: 1,
        body: `${first.body} (edited)`,
        visibility: "public",
      },
    );

    const staff = await listNotes(id, { includeInternal: true });
    expect(staff.map((note) => note.id)).toEqual([internal.id, first.id]);
    expect(staff[1]).toMatchObject({ revisionCount: 1, author: { name: "Writer" } });
    expect(staff[1]!.html).not.toMatch(/<script|javascript:/);
    expect(staff[1]!.html).toContain("&lt;script&gt;");

    const publicNotes = await listNotes(id, { includeInternal: false });
    expect(publicNotes.map((note) => note.id)).toEqual([first.id]);
  });
});

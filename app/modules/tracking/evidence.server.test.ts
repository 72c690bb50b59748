import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import {
  ArchivedError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
} from "#app/utils/domain-errors.ts";
import { createUser } from "#tests/factories.ts";
import {
  failAuditEvents,
  isoDay,
  sampleFiles,
  upload,
  withRowLocked,
} from "#tests/tracking-factories.ts";
import {
  addEvidence,
  archiveEvidence,
  contentDisposition,
  getEvidenceFile,
  listEvidence,
  sanitizeFileName,
  updateEvidence,
} from "./evidence.server.ts";
import { MAX_FILE_BYTES, type AddEvidenceInput } from "./schemas.ts";
import { rejection } from "#tests/rejection.ts";

async function rowCounts() {
  return {
    evidence: await prisma.evidence.count(),
    files: await prisma.evidenceFile.count(),
    audit: await prisma.auditEvent.count(),
  };
}

const link = (recommendationId: string, extra: Partial<AddEvidenceInput> = {}) =>
  ({
    recommendationId,
    kind: "link",
    url: "https://www.gao.gov/products/gao-16-223",
    title: "GAO product page",
    ...extra,
  }) as AddEvidenceInput;

describe("addEvidence", () => {
  test("a link is stored with who added it; the item's activity moves, not its version", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-16-223-dhs-mou";
    const before = await prisma.recommendation.findUniqueOrThrow({ where: { id } });
    const evidence = await addEvidence(
      editor.id,
      link(id, { description: "  The status page  ", documentedOn: "2023-11-30" }),
    );
    const row = await prisma.evidence.findUniqueOrThrow({ where: { id: evidence.id } });
    expect(row).toMatchObject({
      recommendationId: id,
      kind: "link",
      url: "https://www.gao.gov/products/gao-16-223",
      title: "GAO product page",
      description: "The status page",
      createdById: editor.id,
      fileName: null,
      version: 1,
    });
    expect(row.documentedOn?.toISOString()).toBe("2023-11-30T00:00:00.000Z");
    const after = await prisma.recommendation.findUniqueOrThrow({ where: { id } });
    expect(after.version).toBe(before.version);
    expect(after.lastActivityAt.getTime()).toBeGreaterThan(before.lastActivityAt.getTime());
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityType: "Evidence", entityId: evidence.id },
    });
    expect(audit).toMatchObject({ action: "evidence.added", actorId: editor.id });
    expect(audit.after).toMatchObject({ recommendationId: id, kind: "link", version: 1 });
  });

  test.each([
    ["report.pdf", sampleFiles.pdf(), "application/pdf"],
    ["chart.png", sampleFiles.png(), "image/png"],
    ["photo.JPG", sampleFiles.jpeg(), "image/jpeg"],
    [
      "letter.docx",
      sampleFiles.docx(),
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ],
    [
      "table.xlsx",
      sampleFiles.xlsx(),
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ],
    ["data.csv", sampleFiles.csv(), "text/csv"],
  ])("a %s file is stored with its type by content and its SHA-256", async (name, data, mime) => {
    const editor = await createUser({ role: "editor" });
    // The browser's claimed type is ignored.
    const file = upload(name, data, "application/x-evil");
    const evidence = await addEvidence(editor.id, {
      recommendationId: "gao-16-223-doj-mou",
      kind: "file",
      file,
      title: `Evidence ${name}`,
    });
    expect(evidence).toMatchObject({ kind: "file", fileName: name, mimeType: mime });
    expect(evidence.sizeBytes).toBe(data.byteLength);
    const stored = await prisma.evidenceFile.findUniqueOrThrow({
      where: { evidenceId: evidence.id },
    });
    expect(Buffer.from(stored.data).equals(Buffer.from(data))).toBe(true);
    expect(stored.sha256).toBe(createHash("sha256").update(data).digest("hex"));
  });

  test("bad links and details are refused, naming the field, and nothing is stored", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-16-223-ondcp-indicators";
    const before = await rowCounts();
    const cases: Array<[Partial<AddEvidenceInput>, string]> = [
      [{ url: "javascript:alert(1)" }, "url"],
      [{ url: "ftp://example.org/file" }, "url"],
      [{ url: "not a url" }, "url"],
      [{ url: `https://example.org/${"a".repeat(2000)}` }, "url"],
      [{ title: "  " }, "title"],
      [{ documentedOn: isoDay(3) }, "documentedOn"],
      [{ documentedOn: "31/12/2023" }, "documentedOn"],
      [{ kind: "video" } as unknown as Partial<AddEvidenceInput>, "kind"],
    ];
    for (const [extra, field] of cases) {
      const error = await rejection(addEvidence(editor.id, link(id, extra)));
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors), field).toEqual([field]);
    }
    expect(await rowCounts()).toEqual(before);
  });

  test("a link of exactly 2000 characters is accepted", async () => {
    const editor = await createUser({ role: "editor" });
    const url = `https://example.org/${"a".repeat(2000 - "https://example.org/".length)}`;
    expect(url).toHaveLength(2000);
    const evidence = await addEvidence(editor.id, link("gao-16-235-atf-targets", { url }));
    expect(evidence.url).toBe(url);
  });

  test("a file over 10 MB is refused on field file and nothing is stored", async () => {
    const editor = await createUser({ role: "editor" });
    const before = await rowCounts();
    const big = new Uint8Array(MAX_FILE_BYTES + 1);
    big.set(sampleFiles.pdf());
    const error = await rejection(
      addEvidence(editor.id, {
        recommendationId: "gao-16-235-state-reports",
        kind: "file",
        file: upload("big.pdf", big),
        title: "Too big",
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(["file"]);
    expect((error as ValidationError).fieldErrors.file?.[0]).toMatch(/10 MB/);
    expect(await rowCounts()).toEqual(before);
  });

  test("a file of exactly 10 MB is accepted", async () => {
    const editor = await createUser({ role: "editor" });
    const data = new Uint8Array(MAX_FILE_BYTES);
    data.set(sampleFiles.pdf());
    const evidence = await addEvidence(editor.id, {
      recommendationId: "gao-16-235-state-reports",
      kind: "file",
      file: upload("full.pdf", data),
      title: "Exactly at the limit",
    });
    expect(evidence.sizeBytes).toBe(MAX_FILE_BYTES);
  });

  test("a file of another type, or whose name disagrees, is refused and nothing is stored", async () => {
    const editor = await createUser({ role: "editor" });
    const before = await rowCounts();
    const files = [
      upload("report.pdf", sampleFiles.png()),
      upload("program.exe", new Uint8Array([0x4d, 0x5a, 0x90, 0x00])),
      upload("page.html", "<html><script>alert(1)</script></html>"),
      upload("notes.txt", "plain text"),
      upload("empty.pdf", new Uint8Array()),
    ];
    for (const file of files) {
      const error = await rejection(
        addEvidence(editor.id, {
          recommendationId: "gao-21-322-atf-data",
          kind: "file",
          file,
          title: file.name,
        }),
      );
      expect(error, file.name).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors), file.name).toEqual(["file"]);
    }
    expect(await rowCounts()).toEqual(before);
  });

  test("an unknown recommendation is not found; an archived one refuses", async () => {
    const editor = await createUser({ role: "editor" });
    await expect(addEvidence(editor.id, link("no-such-item"))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await prisma.recommendation.update({
      where: { id: "pc-4-prevention" },
      data: { archivedAt: new Date() },
    });
    await expect(addEvidence(editor.id, link("pc-4-prevention"))).rejects.toBeInstanceOf(
      ArchivedError,
    );
  });

  test("when the audit event cannot be written, the evidence and its file are not kept", async () => {
    const editor = await createUser({ role: "editor" });
    const before = await rowCounts();
    const restore = await failAuditEvents("evidence.added");
    try {
      await expect(
        addEvidence(editor.id, {
          recommendationId: "gao-21-322-ice-data",
          kind: "file",
          file: upload("a.pdf", sampleFiles.pdf()),
          title: "A",
        }),
      ).rejects.toThrow(/audit refused by test/);
    } finally {
      await restore();
    }
    expect(await rowCounts()).toEqual(before);
  });
});

describe("listing and downloading", () => {
  test("listing never loads file bytes and leaves archived evidence out", async () => {
    const editor = await createUser({ role: "editor" });
    const id = "gao-21-322-info-sharing";
    const file = await addEvidence(editor.id, {
      recommendationId: id,
      kind: "file",
      file: upload("a.pdf", sampleFiles.pdf()),
      title: "File",
    });
    const gone = await addEvidence(editor.id, link(id, { title: "Old link" }));
    await archiveEvidence(editor.id, {
      recommendationId: gone.recommendationId,
      evidenceId: gone.id,
      expectedVersion: 1,
    });
    const items = await listEvidence(id);
    expect(items.map((item) => item.id)).toEqual([file.id]);
    expect(items[0]).not.toHaveProperty("file");
    expect(items[0]).not.toHaveProperty("data");
    expect(items[0]?.createdBy?.id).toBe(editor.id);
    const all = await listEvidence(id, { includeArchived: true });
    expect(all.map((item) => item.id).sort()).toEqual([file.id, gone.id].sort());
  });

  test("a file is downloaded with its bytes, type and a header-safe name", async () => {
    const editor = await createUser({ role: "editor" });
    const data = sampleFiles.pdf();
    const evidence = await addEvidence(editor.id, {
      recommendationId: "gao-21-322-atf-measures",
      kind: "file",
      file: upload('..\\../Informe "final";\r\nX-Evil: 1 año.pdf', data),
      title: "Informe",
    });
    expect(evidence.fileName).toBe("Informe final X-Evil 1 año.pdf");
    const download = await getEvidenceFile(evidence.id);
    expect(download.mimeType).toBe("application/pdf");
    expect(Buffer.from(download.data).equals(Buffer.from(data))).toBe(true);
    expect(download.fileName).toBe("Informe final X-Evil 1 ano.pdf");
    expect(download.fileName).toMatch(/^[\x20-\x7e]+$/);
    expect(download.contentDisposition).toBe(
      `attachment; filename="Informe final X-Evil 1 ano.pdf"; filename*=UTF-8''Informe%20final%20X-Evil%201%20a%C3%B1o.pdf`,
    );
    expect(download.contentDisposition).not.toMatch(/[\r\n]/);
  });

  test("links, archived evidence and unknown ids have no file", async () => {
    const editor = await createUser({ role: "editor" });
    const linkEvidence = await addEvidence(editor.id, link("gao-21-322-ice-measures"));
    await expect(getEvidenceFile(linkEvidence.id)).rejects.toBeInstanceOf(NotFoundError);
    const file = await addEvidence(editor.id, {
      recommendationId: "gao-21-322-ice-measures",
      kind: "file",
      file: upload("a.png", sampleFiles.png()),
      title: "Chart",
    });
    await archiveEvidence(editor.id, {
      recommendationId: file.recommendationId,
      evidenceId: file.id,
      expectedVersion: 1,
    });
    await expect(getEvidenceFile(file.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getEvidenceFile("nope")).rejects.toBeInstanceOf(NotFoundError);
  });

  test("sanitizeFileName and contentDisposition", () => {
    expect(sanitizeFileName("C:\\Users\\me\\report.pdf", "pdf")).toBe("report.pdf");
    expect(sanitizeFileName("...", "pdf")).toBe("evidence.pdf");
    const long = sanitizeFileName(`${"x".repeat(300)}.xlsx`, "xlsx");
    expect(long).toHaveLength(150);
    expect(long.endsWith(".xlsx")).toBe(true);
    expect(contentDisposition("a'b(c).pdf")).toContain("filename*=UTF-8''a%27b%28c%29.pdf");
  });
});

describe("updateEvidence and archiveEvidence", () => {
  test("an edit saves the details, bumps the version and audits only what changed", async () => {
    const editor = await createUser({ role: "editor" });
    const evidence = await addEvidence(editor.id, link("gao-21-322-cbp-measures"));
    const updated = await updateEvidence(editor.id, {
      recommendationId: evidence.recommendationId,
      evidenceId: evidence.id,
      expectedVersion: 1,
      title: "GAO product page (2024)",
      url: "https://www.gao.gov/products/gao-16-223",
      documentedOn: "2024-01-15",
    });
    expect(updated).toMatchObject({ title: "GAO product page (2024)", version: 2 });
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: evidence.id, action: "evidence.edited" },
    });
    expect(audit.before).toEqual({ title: "GAO product page", documentedOn: null, version: 1 });
    expect(audit.after).toEqual({
      title: "GAO product page (2024)",
      documentedOn: "2024-01-15",
      version: 2,
    });
  });

  test("a link must keep an address; a file's address is ignored", async () => {
    const editor = await createUser({ role: "editor" });
    const linkEvidence = await addEvidence(editor.id, link("gao-21-322-state-measures"));
    const error = await rejection(
      updateEvidence(editor.id, {
        recommendationId: linkEvidence.recommendationId,
        evidenceId: linkEvidence.id,
        expectedVersion: 1,
        title: "T",
      }),
    );
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(["url"]);
    const file = await addEvidence(editor.id, {
      recommendationId: "gao-21-322-state-measures",
      kind: "file",
      file: upload("a.csv", sampleFiles.csv()),
      title: "Data",
    });
    const updated = await updateEvidence(editor.id, {
      recommendationId: file.recommendationId,
      evidenceId: file.id,
      expectedVersion: 1,
      title: "Data (corrected)",
      url: "https://example.org/elsewhere",
    });
    expect(updated.url).toBeNull();
    expect(updated.fileName).toBe("a.csv");
  });

  test("an edit from an old version is refused with what changed since", async () => {
    const first = await createUser({ role: "editor", name: "First" });
    const second = await createUser({ role: "editor" });
    const evidence = await addEvidence(first.id, link("pc-2-forensics-data"));
    await updateEvidence(first.id, {
      recommendationId: evidence.recommendationId,
      evidenceId: evidence.id,
      expectedVersion: 1,
      title: "Renamed by first",
      url: evidence.url,
    });
    const error = await rejection(
      updateEvidence(second.id, {
        recommendationId: evidence.recommendationId,
        evidenceId: evidence.id,
        expectedVersion: 1,
        title: "Renamed by second",
        url: evidence.url,
      }),
    );
    expect(error).toBeInstanceOf(VersionConflictError);
    const conflict = error as VersionConflictError;
    expect(conflict.current).toMatchObject({ title: "Renamed by first", version: 2 });
    expect(conflict.changes).toEqual([
      expect.objectContaining({
        action: "evidence.edited",
        actor: { id: first.id, name: "First" },
        after: expect.objectContaining({ title: "Renamed by first", version: 2 }),
      }),
    ]);
    const row = await prisma.evidence.findUniqueOrThrow({ where: { id: evidence.id } });
    expect(row.title).toBe("Renamed by first");
  });

  test("two concurrent edits of the same version: exactly one wins", async () => {
    const editor = await createUser({ role: "editor" });
    const evidence = await addEvidence(editor.id, link("pc-3-industry-accountability"));
    const results = await withRowLocked("Evidence", evidence.id, () =>
      Promise.allSettled(
        ["A", "B"].map((title) =>
          updateEvidence(editor.id, {
            recommendationId: evidence.recommendationId,
            evidenceId: evidence.id,
            expectedVersion: 1,
            title,
            url: evidence.url,
          }),
        ),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((result) => result.status === "rejected");
    expect(rejected.map((result) => result.reason)).toEqual([expect.any(VersionConflictError)]);
    const row = await prisma.evidence.findUniqueOrThrow({ where: { id: evidence.id } });
    expect(row.version).toBe(2);
  });

  test("archiving sets archivedAt, bumps the version and audits; an old version conflicts", async () => {
    const editor = await createUser({ role: "editor" });
    const evidence = await addEvidence(editor.id, link("bf-goal-1"));
    const archived = await archiveEvidence(editor.id, {
      recommendationId: evidence.recommendationId,
      evidenceId: evidence.id,
      expectedVersion: "1",
    });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect(archived.version).toBe(2);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: evidence.id, action: "evidence.archived" },
    });
    expect(audit.after).toMatchObject({ version: 2 });
    await expect(
      archiveEvidence(editor.id, {
        recommendationId: evidence.recommendationId,
        evidenceId: evidence.id,
        expectedVersion: 1,
      }),
    ).rejects.toBeInstanceOf(VersionConflictError);
    await expect(
      updateEvidence(editor.id, {
        recommendationId: evidence.recommendationId,
        evidenceId: evidence.id,
        expectedVersion: 2,
        title: "x",
        url: evidence.url,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

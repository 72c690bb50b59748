// The import page's action as a browser reaches it: multipart upload → preview, commit → the
// list; whole-file errors, an oversized body, another admin's upload and a stale preview.
import fs from "node:fs";
import { RouterContextProvider } from "react-router";
import { describe, expect, test } from "vitest";
import { userContext, type SessionUser } from "#app/modules/auth/auth.server.ts";
import { action } from "#app/routes/admin/import.tsx";
import { prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import { csvBytes, writtenCounts } from "#tests/import-factories.ts";
import type { PreviewView } from "./preview-view.server.ts";

async function adminUser(): Promise<SessionUser> {
  const user = await createUser({ role: "admin" });
  return { id: user.id, email: user.email, name: user.name, role: user.role, locale: null };
}

type Answer = { status: number; body: Record<string, unknown>; location: string | null };

async function post(user: SessionUser, form: FormData): Promise<Answer> {
  const request = new Request("http://tracker.test/admin/import", { method: "POST", body: form });
  const context = new RouterContextProvider();
  context.set(userContext, user);
  let result: unknown;
  try {
    result = await action({ request, context, params: {} } as unknown as Parameters<
      typeof action
    >[0]);
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) {
    return { status: result.status, body: {}, location: result.headers.get("Location") };
  }
  const wrapped = result as { data: Record<string, unknown>; init: { status?: number } | null };
  return { status: wrapped.init?.status ?? 200, body: wrapped.data, location: null };
}

function upload(bytes: Uint8Array, name: string) {
  const form = new FormData();
  form.set("intent", "upload");
  form.set("file", new File([new Uint8Array(bytes)], name));
  return form;
}

const rows = [
  ["Source", "Reference", "Title", "Text", "Country"],
  ["GAO-21-322", "GAO-21-322 (ATF – data/analysis)", "ATF: analyse trace data", "", ""],
  ["GAO-21-322", "GAO-21-322 #61", "A new item", "Its text.", "US"],
];

function commitForm(preview: PreviewView, include: string[]) {
  const form = new FormData();
  form.set("intent", "commit");
  form.set("uploadId", preview.uploadId!);
  form.set("fingerprint", preview.fingerprint);
  for (const group of preview.groups) {
    form.append("group", group.code);
    form.append("includeGroup", group.code);
  }
  for (const key of include) form.append("include", key);
  return form;
}

describe("the import page's action", () => {
  test("an upload answers with the preview; its commit writes the ticked rows and goes to the list", async () => {
    const user = await adminUser();
    const answer = await post(user, upload(csvBytes(rows), "small.csv"));
    expect(answer.status).toBe(200);
    const preview = answer.body.preview as PreviewView;
    expect(preview.counts).toEqual({ create: 1, update: 1, unchanged: 0, errors: 0 });
    expect(preview.groups[0]!.rows[0]!.changes).toEqual([
      expect.objectContaining({ name: "Title", after: "ATF: analyse trace data" }),
    ]);

    const committed = await post(user, commitForm(preview, ["row:2"]));
    expect(committed.status).toBe(302);
    const record = await prisma.import.findFirstOrThrow({ where: { fileName: "small.csv" } });
    expect(committed.location).toBe(`/admin/import?done=${record.id}`);
    expect(record).toMatchObject({ created: 0, updated: 1, skipped: 1 });
    // The file's bytes go once committed; the record keeps its hash.
    expect(await prisma.importUpload.count({ where: { id: preview.uploadId! } })).toBe(0);
    expect(await prisma.recommendation.count({ where: { reference: "GAO-21-322 #61" } })).toBe(0);
  });

  test("GAO's file: filters by publication or word, remembered for the next upload; agencies to map", async () => {
    const user = await adminUser();
    const gao = fs.readFileSync("tests/fixtures/import/gao-recommendations.csv");
    const first = (await post(user, upload(gao, "gao.csv"))).body.preview as PreviewView;
    expect(first.format).toBe("gao");
    expect(first.asOf).toBe("2026-09-28");
    expect(first.gao).toMatchObject({ publications: "", words: "" });
    expect(first.agencies).toContainEqual({ name: "Congress", choice: "create" });

    const form = new FormData();
    form.set("intent", "preview");
    form.set("uploadId", first.uploadId!);
    form.set("publications", "gao-09-709");
    form.set("words", "");
    const filtered = (await post(user, form)).body.preview as PreviewView;
    expect(filtered.gao).toMatchObject({ publications: "GAO-09-709", kept: 2 });
    expect(filtered.groups.map((group) => group.code)).toEqual(["GAO-09-709"]);

    const next = (await post(user, upload(gao, "gao-again.csv"))).body.preview as PreviewView;
    expect(next.gao).toMatchObject({ publications: "GAO-09-709", kept: 2 });
  });

  test("whole-file errors: a clear code, the right status, nothing written", async () => {
    const user = await adminUser();
    const before = await writtenCounts();
    const pdf = await post(user, upload(new TextEncoder().encode("%PDF-1.7\n"), "report.csv"));
    expect(pdf).toMatchObject({ status: 422, body: { type: "fileError", code: "notSpreadsheet" } });
    const empty = await post(user, upload(new Uint8Array(), "empty.csv"));
    expect(empty).toMatchObject({ status: 400, body: { type: "fileError" } });
    const big = new Uint8Array(6 * 1024 * 1024).fill(0x61);
    const tooLarge = await post(user, upload(big, "big.csv"));
    expect(tooLarge).toMatchObject({ status: 413, body: { type: "fileError", code: "tooLarge" } });
    expect(await prisma.importUpload.count({ where: { createdById: user.id } })).toBe(0);
    expect(await writtenCounts()).toEqual(before);
  });

  test("another admin's upload cannot be committed", async () => {
    const owner = await adminUser();
    const other = await adminUser();
    const preview = (await post(owner, upload(csvBytes(rows), "mine.csv"))).body
      .preview as PreviewView;
    const answer = await post(other, commitForm(preview, ["row:2", "row:3"]));
    expect(answer).toMatchObject({ status: 400, body: { code: "expired" } });
  });

  test("a stale preview is shown again with a message, and nothing is written", async () => {
    const user = await adminUser();
    const preview = (await post(user, upload(csvBytes(rows), "stale.csv"))).body
      .preview as PreviewView;
    await prisma.recommendation.update({
      where: { id: "gao-21-322-atf-data" },
      data: { titleEs: "Editado mientras tanto", version: { increment: 1 } },
    });
    const before = await writtenCounts();
    const answer = await post(user, commitForm(preview, ["row:2", "row:3"]));
    expect(answer.status).toBe(409);
    expect((answer.body.preview as PreviewView).notice).toEqual({ kind: "stale" });
    expect(await writtenCounts()).toEqual(before);
  });
});

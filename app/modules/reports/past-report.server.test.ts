// A report for a past day is the record of that day as the tracker holds it now: tidying the
// record afterwards (archiving an item or evidence, editing or deleting notes, checking an item,
// changes dated after the day, GAO's next file) leaves it as it was; a change recorded later but
// dated on or before the day (a correction) is in it, and its header counts it.
import fs from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import { archiveRecommendation } from "#app/modules/catalogue/recommendations.server.ts";
import { parseImportFile } from "#app/modules/import/parse.server.ts";
import { getDashboard } from "#app/modules/recommendations/overview.server.ts";
import { listRecommendations } from "#app/modules/recommendations/list.server.ts";
import { parseListQuery } from "#app/modules/recommendations/list-query.ts";
import { addEvidence, archiveEvidence } from "#app/modules/tracking/evidence.server.ts";
import { createNote, deleteNote, editNote } from "#app/modules/tracking/notes.server.ts";
import { changeStatus } from "#app/modules/tracking/status-change.server.ts";
import { markVerified } from "#app/modules/tracking/tracking-fields.server.ts";
import type { SessionUser } from "#app/modules/auth/auth.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import { previewAndCommit } from "#tests/import-factories.ts";
import { loader as dashboardLoader } from "#app/routes/home/overview.tsx";
import { loader as listLoader } from "#app/routes/recommendations/list.tsx";
import { loader as reportsLoader } from "#app/routes/reports/reports.tsx";
import { loader as changesLoader } from "#app/routes/changes/changes.tsx";
import { RouterContextProvider } from "react-router";
import { userContext } from "#app/modules/auth/auth.server.ts";
import { exportBytes } from "./test-fixtures.server.ts";

const SOURCE = "GAO-26-108061";
/** The past day of the reports: after GAO's September file, before its October one. */
const DAY = "2026-10-15";
const QUERY = `source=${SOURCE}&asOf=${DAY}&from=2026-10-01&lang=en`;
const NOTE_EDITED = "Draft: ICE says the data-sharing memo is with its lawyers.";
const NOTE_DELETED = "Internal: the DOJ contact changed; ask for the new one.";
const EVIDENCE_TITLE = "ICE memo to CBP, October 2026";

const fixture = fs.readFileSync("tests/fixtures/import/gao-recommendations.csv", "utf8");
const gaoImport = { filter: { publications: [SOURCE], words: [] }, actorMappings: {} };

/** GAO's file as of 30 October: recommendation 2 closed. */
const octoberFile = fixture
  .replace(
    '(Recommendation 2)",Open--Partially Addressed',
    '(Recommendation 2)",Closed--Implemented',
  )
  .replace("status as of Sep 28, 2026", "status as of Oct 30, 2026");

async function gaoFile(text: string, fileName: string) {
  return parseImportFile({ bytes: new TextEncoder().encode(text), fileName });
}

type Report = {
  generatedAt: string;
  recordedAfterAsOf: number;
  current: boolean;
  summary: { total: number };
  items: Array<{
    id: string;
    status: { code: string };
    officialStatus: { code: string; asOf: string | null } | null;
    latestEvidence: { title: string } | null;
    latestNote: { body: string; visibility: { code: string } } | null;
    lastVerifiedAt: string | null;
  }>;
  history: Array<{ itemId: string; kind: string; date: string; summary: string | null }>;
};

async function report(user: SessionUser | null, query = QUERY) {
  const text = new TextDecoder().decode((await exportBytes("json", query, user)).bytes);
  const parsed = JSON.parse(text) as Report;
  return { text, parsed, withoutTime: text.replace(`"${parsed.generatedAt}"`, '"…"') };
}

const version = async (id: string) =>
  String((await prisma.recommendation.findUniqueOrThrow({ where: { id } })).version);

let admin: SessionUser;
const ids = { rec1: "", rec2: "", rec3: "gao-26-108061-rec3-past" };

beforeAll(async () => {
  const user = await createUser({ role: "admin" });
  admin = { id: user.id, email: user.email, name: user.name, role: user.role, locale: null };
  await prisma.recommendation.deleteMany({ where: { source: { code: SOURCE } } });
  await prisma.source.deleteMany({ where: { code: SOURCE } });
  await prisma.recommendation.create({
    data: {
      id: ids.rec3,
      source: {
        create: {
          code: SOURCE,
          title: "Firearms Trafficking",
          publisher: "U.S. Government Accountability Office",
          kind: "gao_report",
          publishedDate: "2026-07-16",
        },
      },
      reference: "GAO-26-108061 Recommendation 3 (DHS – ICE)",
      title: "ICE: share seizure data with CBP",
      text: "The catalogue's text.",
      country: "US",
      status: "not_started",
      verificationLevel: "official_text",
      sourceUrl: "https://www.gao.gov/products/gao-26-108061",
    },
  });
  const september = await previewAndCommit(
    await gaoFile(fixture, "gao-september.csv"),
    admin.id,
    gaoImport,
  );
  expect(september.result).toMatchObject({ kind: "committed" });
  ids.rec1 = (
    await prisma.recommendation.findFirstOrThrow({ where: { reference: `${SOURCE} Rec. 1` } })
  ).id;
  ids.rec2 = (
    await prisma.recommendation.findFirstOrThrow({ where: { reference: `${SOURCE} Rec. 2` } })
  ).id;

  // The record as it stood on DAY: a status change, evidence, two notes and a check, each
  // entered on or before it (the dates of entry set as they would have been).
  await changeStatus(admin.id, {
    recommendationId: ids.rec3,
    expectedVersion: await version(ids.rec3),
    toStatus: "in_progress",
    summary: "ICE drafted a data-sharing memo.",
    occurredOn: "2026-10-05",
  });
  await prisma.statusChange.updateMany({
    where: { recommendationId: ids.rec3 },
    data: { createdAt: new Date("2026-10-05T16:00:00Z") },
  });
  await addEvidence(admin.id, {
    recommendationId: ids.rec3,
    kind: "link",
    url: "https://example.org/ice-memo",
    title: EVIDENCE_TITLE,
    documentedOn: "2026-10-04",
  });
  const edited = await createNote(admin.id, {
    recommendationId: ids.rec3,
    body: NOTE_EDITED,
    visibility: "internal",
  });
  const deleted = await createNote(admin.id, {
    recommendationId: ids.rec2,
    body: NOTE_DELETED,
    visibility: "internal",
  });
  await prisma.note.update({
    where: { id: edited.id },
    data: { createdAt: new Date("2026-10-06T10:00:00Z") },
  });
  await prisma.note.update({
    where: { id: deleted.id },
    data: { createdAt: new Date("2026-10-07T10:00:00Z") },
  });
  await prisma.recommendation.update({
    where: { id: ids.rec3 },
    data: { lastVerifiedAt: new Date("2026-10-08T14:00:00Z") },
  });
});

describe("a report for a past day", () => {
  test("is the same document after the record is tidied, apart from its production time", async () => {
    const staffBefore = await report(admin);
    const publicBefore = await report(null);
    const { parsed } = staffBefore;
    // What the tidying below would remove or change, as it stood on the day.
    expect(parsed.current).toBe(false);
    expect(parsed.items.map((item) => item.id)).toEqual(
      expect.arrayContaining([ids.rec1, ids.rec2, ids.rec3]),
    );
    const rec3 = parsed.items.find((item) => item.id === ids.rec3)!;
    expect(rec3).toMatchObject({
      status: { code: "in_progress" },
      latestEvidence: { title: EVIDENCE_TITLE },
      latestNote: { body: NOTE_EDITED, visibility: { code: "internal" } },
      lastVerifiedAt: "2026-10-08T14:00:00.000Z",
    });
    const rec2 = parsed.items.find((item) => item.id === ids.rec2)!;
    expect(rec2).toMatchObject({
      officialStatus: { code: "open_partially_addressed", asOf: "2026-09-28" },
      latestNote: { body: NOTE_DELETED },
    });
    expect(publicBefore.parsed.items.find((item) => item.id === ids.rec3)!.latestNote).toBeNull();

    // Tidying, weeks later.
    await archiveRecommendation(admin.id, {
      id: ids.rec1,
      expectedVersion: await version(ids.rec1),
    });
    const evidence = await prisma.evidence.findFirstOrThrow({ where: { title: EVIDENCE_TITLE } });
    await archiveEvidence(admin.id, {
      recommendationId: ids.rec3,
      evidenceId: evidence.id,
      expectedVersion: String(evidence.version),
    });
    const notes = await prisma.note.findMany({
      where: { body: { in: [NOTE_EDITED, NOTE_DELETED] } },
    });
    const toEdit = notes.find((note) => note.body === NOTE_EDITED)!;
    const toDelete = notes.find((note) => note.body === NOTE_DELETED)!;
    await editNote(admin, {
      recommendationId: ids.rec3,
      noteId: toEdit.id,
      expectedVersion: String(toEdit.version),
      body: "ICE signed the data-sharing memo.",
      visibility: "public",
    });
    await deleteNote(admin, {
      recommendationId: ids.rec2,
      noteId: toDelete.id,
      expectedVersion: String(toDelete.version),
    });
    await markVerified(ids.rec3, admin.id);
    await changeStatus(admin.id, {
      recommendationId: ids.rec3,
      expectedVersion: await version(ids.rec3),
      toStatus: "stalled",
      summary: "ICE shares seizure data with CBP every week.",
      occurredOn: "2026-11-02",
    });
    await changeStatus(admin.id, {
      recommendationId: ids.rec2,
      expectedVersion: await version(ids.rec2),
      toStatus: "stalled",
      summary: "No progress reported.",
      occurredOn: "2026-10-16",
    });
    const october = await previewAndCommit(
      await gaoFile(octoberFile, "gao-october.csv"),
      admin.id,
      gaoImport,
    );
    expect(october.result).toMatchObject({ kind: "committed" });
    // The tidying did happen: today's report shows it.
    const today = (await report(admin, `source=${SOURCE}&lang=en`)).parsed;
    expect(today.items.map((item) => item.id)).not.toContain(ids.rec1);
    expect(today.items.find((item) => item.id === ids.rec2)).toMatchObject({
      status: { code: "stalled" },
      officialStatus: { code: "closed_implemented", asOf: "2026-10-30" },
    });
    expect(today.items.find((item) => item.id === ids.rec3)).toMatchObject({
      status: { code: "stalled" },
      latestEvidence: null,
      latestNote: { body: "ICE signed the data-sharing memo." },
    });

    const staffAfter = await report(admin);
    const publicAfter = await report(null);
    expect(staffAfter.parsed.generatedAt).not.toBe("");
    expect(staffAfter.withoutTime).toBe(staffBefore.withoutTime);
    expect(publicAfter.withoutTime).toBe(publicBefore.withoutTime);
  });

  test("includes a correction recorded later but dated on or before the day, and counts it", async () => {
    const before = (await report(admin)).parsed;
    await changeStatus(admin.id, {
      recommendationId: ids.rec2,
      expectedVersion: await version(ids.rec2),
      toStatus: "in_progress",
      summary: "Correction: DOJ had started on 12 October.",
      occurredOn: "2026-10-12",
    });
    const after = (await report(admin)).parsed;
    expect(after.recordedAfterAsOf).toBe(before.recordedAfterAsOf + 1);
    expect(after.items.find((item) => item.id === ids.rec2)!.status.code).toBe("in_progress");
    expect(after.history).toContainEqual(
      expect.objectContaining({
        itemId: ids.rec2,
        kind: "status",
        date: "2026-10-12",
        summary: "Correction: DOJ had started on 12 October.",
      }),
    );
    // Today's report counts no correction.
    expect((await report(admin, `source=${SOURCE}&lang=en`)).parsed.recordedAfterAsOf).toBe(0);
  });

  test("the dashboard and the list keep the item archived later for the day, not for today", async () => {
    const archived = await prisma.recommendation.findUniqueOrThrow({ where: { id: ids.rec1 } });
    expect(archived.archivedAt).not.toBeNull();
    const onDay = await getDashboard({ source: SOURCE }, DAY);
    const today = await getDashboard({ source: SOURCE }, null);
    expect(onDay.total).toBe(today.total + 1);
    expect(onDay.bySource).toEqual([expect.objectContaining({ code: SOURCE, total: onDay.total })]);
    const listed = async (params: string) =>
      (
        await listRecommendations(parseListQuery(new URLSearchParams(params)).query, "en")
      ).items.map((item) => item.id);
    expect(await listed(`source=${SOURCE}&asOf=${DAY}`)).toContain(ids.rec1);
    expect(await listed(`source=${SOURCE}`)).not.toContain(ids.rec1);

    // A source whose only item was archived since still has its bar on the day.
    const lone = await prisma.recommendation.create({
      data: {
        source: {
          create: {
            code: "PAST-LONE",
            title: "A source with one item",
            publisher: "GAO",
            kind: "gao_report",
            publishedDate: "2026-01-05",
          },
        },
        reference: "PAST-LONE #1",
        title: "The only item",
        text: "Text",
        country: "US",
        status: "not_started",
        verificationLevel: "official_text",
        sourceUrl: "https://example.org/",
      },
    });
    await archiveRecommendation(admin.id, { id: lone.id, expectedVersion: "1" });
    const codes = async (asOf: string | null) =>
      (await getDashboard({}, asOf)).bySource.map((row) => row.code);
    expect(await codes(DAY)).toContain("PAST-LONE");
    expect(await codes(null)).not.toContain("PAST-LONE");
  });

  test("the as-of pages' headers count the corrections as the report does", async () => {
    const { recordedAfterAsOf } = (await report(admin)).parsed;
    expect(recordedAfterAsOf).toBeGreaterThan(0);
    type Loader = (args: never) => Promise<unknown>;
    const corrections = async (loader: Loader, path: string) => {
      const context = new RouterContextProvider();
      context.set(userContext, admin);
      const request = new Request(`http://pages.test${path}`);
      const result = (await loader({ request, context, params: {} } as never)) as {
        data: { corrections: number };
      };
      return result.data.corrections;
    };
    const query = `source=${SOURCE}&asOf=${DAY}`;
    expect(await corrections(listLoader as Loader, `/recommendations?${query}`)).toBe(
      recordedAfterAsOf,
    );
    expect(await corrections(dashboardLoader as Loader, `/?${query}`)).toBe(recordedAfterAsOf);
    expect(await corrections(reportsLoader as Loader, `/reports?${query}`)).toBe(recordedAfterAsOf);
    expect(
      await corrections(
        changesLoader as Loader,
        `/changes?source=${SOURCE}&from=2026-10-01&to=${DAY}`,
      ),
    ).toBe(recordedAfterAsOf);
    expect(await corrections(listLoader as Loader, `/recommendations?source=${SOURCE}`)).toBe(0);
  });
});

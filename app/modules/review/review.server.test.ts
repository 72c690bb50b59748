// Sign-off with the real database: a change awaiting review is in no public read and does not
// move the item's status; approved by someone else, it is public with its own day kept.
import { beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "#app/modules/auth/auth.server.ts";
import { parseListQuery } from "#app/modules/recommendations/list-query.ts";
import { listRecommendations } from "#app/modules/recommendations/list.server.ts";
import { exportBytes } from "#app/modules/reports/test-fixtures.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { addDays, currentDay } from "#app/utils/dates.ts";
import { ForbiddenError, ValidationError } from "#app/utils/domain-errors.ts";
import { createUser } from "#tests/factories.ts";
import { rejection } from "#tests/rejection.ts";
import { sampleFiles, upload } from "#tests/tracking-factories.ts";
import { getTimeline } from "#app/modules/tracking/timeline.server.ts";
import { runTrackingAction } from "#app/modules/tracking/page-actions.server.ts";
import { createNote } from "#app/modules/tracking/notes.server.ts";
import {
  amendChange,
  approveChange,
  AwaitingReviewError,
  countAwaitingReview,
  listItemPendingChanges,
  needsReview,
  returnChange,
  setTrackerReviewRequired,
  submitEvidence,
  submitNote,
  submitStatusChange,
  withdrawChange,
} from "./review.server.ts";

const SOURCE = "REVIEW-TEST-1";
const ITEM = "review-test-item";
const OTHER_ITEM = "review-test-other";
const SUMMARY = "The agency published its first data-sharing agreement.";

type JsonReport = {
  recordedAfterAsOf: number;
  items: Array<{ id: string; status: { code: string } }>;
  history: Array<{ itemId: string; summary: string | null }>;
};

async function report(user: SessionUser | null, extra = "") {
  const { bytes } = await exportBytes("json", `source=${SOURCE}&lang=en${extra}`, user);
  return JSON.parse(new TextDecoder().decode(bytes)) as JsonReport;
}

const sessionUser = (user: {
  id: string;
  email: string;
  name: string;
  role: "admin" | "editor" | "viewer";
}): SessionUser => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  locale: null,
});

const version = async (id: string) =>
  String((await prisma.recommendation.findUniqueOrThrow({ where: { id } })).version);
const statusOf = async (id: string) =>
  (await prisma.recommendation.findUniqueOrThrow({ where: { id } })).status;

let author: SessionUser;
let other: SessionUser;
let admin: SessionUser;
let viewer: SessionUser;
const yesterday = addDays(currentDay(), -1);

beforeAll(async () => {
  author = sessionUser(await createUser({ role: "editor", name: "Ana Author" }));
  other = sessionUser(await createUser({ role: "editor", name: "Beto Reviewer" }));
  admin = sessionUser(await createUser({ role: "admin", name: "Carla Admin" }));
  viewer = sessionUser(await createUser({ role: "viewer" }));
  const source = await prisma.source.create({
    data: {
      code: SOURCE,
      title: "A reviewed source",
      publisher: "Test",
      kind: "gao_report",
      reviewRequired: true,
    },
  });
  for (const id of [ITEM, OTHER_ITEM]) {
    await prisma.recommendation.create({
      data: {
        id,
        sourceId: source.id,
        reference: `${SOURCE} ${id}`,
        title: `Item ${id}`,
        text: "The text.",
        country: "US",
        status: "not_started",
        verificationLevel: "official_text",
        sourceUrl: "https://example.org/",
      },
    });
  }
});

describe("whether a change needs review", () => {
  test("an editor's on a reviewed source; never an admin's; elsewhere only when the tracker asks", async () => {
    expect(await needsReview(author, ITEM)).toBe(true);
    expect(await needsReview(admin, ITEM)).toBe(false);
    const elsewhere = "gao-21-322-atf-data";
    expect(await needsReview(author, elsewhere)).toBe(false);
    expect(await rejection(setTrackerReviewRequired(author, true))).toBeInstanceOf(ForbiddenError);
    await setTrackerReviewRequired(admin, true);
    expect(await needsReview(author, elsewhere)).toBe(true);
    await setTrackerReviewRequired(admin, false);
    expect(await needsReview(author, elsewhere)).toBe(false);
    const audits = await prisma.auditEvent.findMany({
      where: { action: "setting.review_required_changed" },
      orderBy: { id: "asc" },
    });
    expect(audits.map((event) => event.after)).toEqual([
      { reviewRequired: true },
      { reviewRequired: false },
    ]);
  });
});

describe("a status change awaiting review", () => {
  test("is public nowhere until another staff member approves it, then keeps its day", async () => {
    const submitted = await submitStatusChange(author, {
      recommendationId: ITEM,
      expectedVersion: await version(ITEM),
      toStatus: "in_progress",
      summary: SUMMARY,
      occurredOn: yesterday,
      newEvidence: [{ kind: "link", url: "https://example.org/agreement", title: "Agreement" }],
    });

    // Not saved: the item's status, its history, the list and every report are as they were.
    expect(await statusOf(ITEM)).toBe("not_started");
    expect(await prisma.statusChange.count({ where: { recommendationId: ITEM } })).toBe(0);
    expect(await prisma.evidence.count({ where: { recommendationId: ITEM } })).toBe(0);
    for (const reader of [null, viewer, author]) {
      const current = await report(reader);
      expect(current.items.find((item) => item.id === ITEM)?.status.code).toBe("not_started");
      expect(JSON.stringify(current)).not.toContain(SUMMARY);
      const past = await report(reader, `&asOf=${yesterday}`);
      expect(past.items.find((item) => item.id === ITEM)?.status.code).toBe("not_started");
      expect(past.recordedAfterAsOf).toBe(0);
    }
    const list = await listRecommendations(
      parseListQuery(new URLSearchParams(`source=${SOURCE}`)).query,
      "en",
    );
    expect(list.items.find((item) => item.id === ITEM)?.status).toBe("not_started");

    // Staff see it on the item, viewers and visitors do not; it counts in the queue.
    expect(await listItemPendingChanges(ITEM, null)).toEqual([]);
    expect(await listItemPendingChanges(ITEM, viewer)).toEqual([]);
    const [seen] = await listItemPendingChanges(ITEM, other);
    expect(seen).toMatchObject({ id: submitted.id, state: "awaiting", canReview: true });
    expect((await listItemPendingChanges(ITEM, author))[0]).toMatchObject({ canReview: false });
    expect(await countAwaitingReview()).toBe(1);

    // Its author cannot approve it (nor can a viewer); another editor can.
    const decision = { changeId: submitted.id, expectedVersion: 1 };
    expect(await rejection(approveChange(author, decision))).toBeInstanceOf(ForbiddenError);
    expect(await rejection(approveChange(viewer, decision))).toBeInstanceOf(ForbiddenError);
    expect(await statusOf(ITEM)).toBe("not_started");
    await approveChange(other, decision);

    expect(await statusOf(ITEM)).toBe("in_progress");
    expect(await prisma.pendingChange.count({ where: { recommendationId: ITEM } })).toBe(0);
    const change = await prisma.statusChange.findFirstOrThrow({
      where: { recommendationId: ITEM },
      include: { evidence: true },
    });
    expect(change.occurredOn.toISOString().slice(0, 10)).toBe(yesterday);
    expect(change.createdById).toBe(author.id);
    expect(change.approvedById).toBe(other.id);
    expect(change.approvedAt).toEqual(change.createdAt);
    expect(change.evidence.map((evidence) => [evidence.title, evidence.createdById])).toEqual([
      ["Agreement", author.id],
    ]);
    const approvedAudit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "review.approved", entityId: submitted.id },
    });
    expect(approvedAudit.actorId).toBe(other.id);

    // The timeline, for the public too, says who approved it and when.
    const timeline = await getTimeline(ITEM, { includeInternal: false });
    const entry = timeline.entries.find((item) => item.type === "status_change");
    expect(entry).toMatchObject({ approval: { at: change.approvedAt } });
    expect(entry?.type === "status_change" && entry.approval?.by).toEqual({ role: "editor" });

    // Public now; a report for yesterday has it as a correction recorded after that day.
    const current = await report(null);
    expect(current.items.find((item) => item.id === ITEM)?.status.code).toBe("in_progress");
    expect(JSON.stringify(current)).toContain(SUMMARY);
    const past = await report(null, `&asOf=${yesterday}`);
    expect(past.items.find((item) => item.id === ITEM)?.status.code).toBe("in_progress");
    expect(past.recordedAfterAsOf).toBe(1);
  });

  test("one awaits per item: a second submission, by anyone, is refused and writes nothing", async () => {
    const first = await submitNote(author, {
      recommendationId: OTHER_ITEM,
      body: "First note for the public.",
      visibility: "public",
    });
    const audits = await prisma.auditEvent.count();
    for (const who of [author, other]) {
      const error = await rejection(
        submitStatusChange(who, {
          recommendationId: OTHER_ITEM,
          expectedVersion: await version(OTHER_ITEM),
          toStatus: "stalled",
          summary: "Second.",
          occurredOn: yesterday,
        }),
      );
      expect(error).toBeInstanceOf(AwaitingReviewError);
    }
    expect(await prisma.auditEvent.count()).toBe(audits);
    expect(await prisma.pendingChange.count({ where: { recommendationId: OTHER_ITEM } })).toBe(1);
    await withdrawChange(author, { changeId: first.id, expectedVersion: 1 });
    expect(await prisma.note.count({ where: { recommendationId: OTHER_ITEM } })).toBe(0);
  });

  test("two submissions at the same instant: exactly one is kept", async () => {
    const submit = (who: SessionUser, body: string) =>
      submitNote(who, { recommendationId: OTHER_ITEM, body, visibility: "public" });
    const results = await Promise.allSettled([submit(author, "One."), submit(other, "Two.")]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected");
    expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(AwaitingReviewError);
    const kept = await prisma.pendingChange.findFirstOrThrow({
      where: { recommendationId: OTHER_ITEM },
    });
    await withdrawChange(
      { id: kept.authorId!, role: "editor" },
      { changeId: kept.id, expectedVersion: kept.version },
    );
  });
});

describe("sending back and amending", () => {
  test("a returned change keeps its text and reason; amended, it awaits again and is approved", async () => {
    const submitted = await submitEvidence(author, {
      recommendationId: OTHER_ITEM,
      kind: "link",
      url: "https://example.org/draft",
      title: "Draft memo",
    });
    expect(
      await rejection(
        returnChange(other, { changeId: submitted.id, expectedVersion: 1, reason: " " }),
      ),
    ).toBeInstanceOf(ValidationError);
    expect(
      await rejection(
        returnChange(author, { changeId: submitted.id, expectedVersion: 1, reason: "Mine." }),
      ),
    ).toBeInstanceOf(ForbiddenError);
    await returnChange(admin, {
      changeId: submitted.id,
      expectedVersion: 1,
      reason: "Link the signed memo, not the draft.",
    });
    const [returned] = await listItemPendingChanges(OTHER_ITEM, author);
    expect(returned).toMatchObject({
      state: "returned",
      returnReason: "Link the signed memo, not the draft.",
      returnedBy: { id: admin.id },
      payload: { title: "Draft memo", url: "https://example.org/draft" },
      isAuthor: true,
      canReview: false,
    });
    expect(await countAwaitingReview()).toBe(0);
    // A returned change cannot be approved; only its author amends it.
    expect(
      await rejection(approveChange(other, { changeId: submitted.id, expectedVersion: 2 })),
    ).toBeInstanceOf(ValidationError);
    expect(
      await rejection(
        amendChange(other, {
          changeId: submitted.id,
          expectedVersion: 2,
          title: "x",
          url: "https://example.org/",
        }),
      ),
    ).toBeInstanceOf(ForbiddenError);
    const badAmend = await rejection(
      amendChange(author, {
        changeId: submitted.id,
        expectedVersion: 2,
        title: "Signed memo",
        url: "not a link",
      }),
    );
    expect((badAmend as ValidationError).fieldErrors).toHaveProperty("url");

    await amendChange(author, {
      changeId: submitted.id,
      expectedVersion: 2,
      title: "Signed memo",
      url: "https://example.org/signed",
    });
    const [amended] = await listItemPendingChanges(OTHER_ITEM, other);
    expect(amended).toMatchObject({ state: "awaiting", returnReason: null, canReview: true });
    await approveChange(other, { changeId: submitted.id, expectedVersion: 3 });
    const evidence = await prisma.evidence.findFirstOrThrow({
      where: { recommendationId: OTHER_ITEM },
    });
    expect(evidence).toMatchObject({
      title: "Signed memo",
      url: "https://example.org/signed",
      createdById: author.id,
    });
    const actions = await prisma.auditEvent.findMany({
      where: { entityType: "PendingChange", entityId: submitted.id },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true },
    });
    expect(actions).toEqual([
      { action: "review.submitted", actorId: author.id },
      { action: "review.returned", actorId: admin.id },
      { action: "review.resubmitted", actorId: author.id },
      { action: "review.approved", actorId: other.id },
    ]);
  });

  test("a public note approved becomes the author's public note", async () => {
    const submitted = await submitNote(author, {
      recommendationId: OTHER_ITEM,
      body: "The ministry confirmed the plan.",
      visibility: "public",
    });
    expect(
      await rejection(
        submitNote(author, { recommendationId: OTHER_ITEM, body: "x", visibility: "internal" }),
      ),
    ).toBeInstanceOf(ValidationError);
    expect(await prisma.note.count({ where: { recommendationId: OTHER_ITEM } })).toBe(0);
    await approveChange(admin, { changeId: submitted.id, expectedVersion: 1 });
    expect(
      await prisma.note.findFirstOrThrow({ where: { recommendationId: OTHER_ITEM } }),
    ).toMatchObject({
      body: "The ministry confirmed the plan.",
      visibility: "public",
      authorId: author.id,
    });
  });
});

describe("a file awaiting review", () => {
  test("is kept with the change and stored as evidence, with its hash, only when approved", async () => {
    const files = await prisma.evidenceFile.count();
    const submitted = await submitEvidence(author, {
      recommendationId: OTHER_ITEM,
      kind: "file",
      file: upload("signed-memo.pdf", sampleFiles.pdf()),
      title: "Signed memo (PDF)",
    });
    expect(await prisma.evidenceFile.count()).toBe(files);
    await approveChange(other, { changeId: submitted.id, expectedVersion: 1 });
    const evidence = await prisma.evidence.findFirstOrThrow({
      where: { title: "Signed memo (PDF)" },
      include: { file: true },
    });
    expect(evidence).toMatchObject({
      kind: "file",
      fileName: "signed-memo.pdf",
      createdById: author.id,
    });
    expect(Buffer.from(evidence.file!.data).toString()).toBe(
      Buffer.from(sampleFiles.pdf()).toString(),
    );
  });
});

describe("the item's forms where sign-off applies", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.set(name, value);
    return data;
  };

  test("send an editor's change for review; a second is a 409 keeping what was typed", async () => {
    const fields = {
      intent: "note-add",
      body: "Public news for review.",
      visibility: "public",
    };
    const sent = await runTrackingAction(author, OTHER_ITEM, form(fields));
    expect(sent.data).toMatchObject({ ok: true, sentForReview: true });
    expect(await prisma.note.count({ where: { body: fields.body } })).toBe(0);

    const second = await runTrackingAction(
      other,
      OTHER_ITEM,
      form({ ...fields, body: "Another editor's note." }),
    );
    expect(second.init?.status).toBe(409);
    expect(second.data).toMatchObject({
      ok: false,
      awaitingReview: true,
      values: { body: "Another editor's note." },
    });
    // An admin's note is published directly, as an editor's internal note is.
    const direct = await runTrackingAction(admin, OTHER_ITEM, form(fields));
    expect(direct.data).toMatchObject({ ok: true, sentForReview: false });
    const pending = await prisma.pendingChange.findFirstOrThrow({
      where: { recommendationId: OTHER_ITEM, state: "awaiting" },
    });
    await withdrawChange(author, { changeId: pending.id, expectedVersion: pending.version });
  });

  test("an editor cannot publish a note by editing it to public", async () => {
    const note = await createNote(author.id, {
      recommendationId: OTHER_ITEM,
      body: "Internal first.",
      visibility: "internal",
    });
    const edited = await runTrackingAction(
      author,
      OTHER_ITEM,
      form({
        intent: "note-edit",
        noteId: note.id,
        expectedVersion: String(note.version),
        body: "Now public?",
        visibility: "public",
      }),
    );
    expect(edited.init?.status).toBe(422);
    expect(edited.data.fieldErrors).toHaveProperty("visibility");
    expect(await prisma.note.findUniqueOrThrow({ where: { id: note.id } })).toMatchObject({
      visibility: "internal",
      body: "Internal first.",
    });
  });
});

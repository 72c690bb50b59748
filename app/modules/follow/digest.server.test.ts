// Digests by e-mail against the real database and a real SMTP server in this process
// (tests/setup/smtp-sink.ts): what a digest holds and leaves out, its language, its links and
// headers, sending a period once (also with two job runners on the same database), retrying a
// refused message, and My queue.
import type { ParsedMail } from "mailparser";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import type { DigestFrequency, FollowKind, Role } from "#app/generated/prisma/enums.ts";
import { startJobRunner, type JobRunner } from "#app/modules/archive/jobs.server.ts";
import {
  approveChange,
  setTrackerReviewRequired,
  submitStatusChange,
} from "#app/modules/review/review.server.ts";
import { addEvidence } from "#app/modules/tracking/evidence.server.ts";
import { createNote } from "#app/modules/tracking/notes.server.ts";
import { changeStatus } from "#app/modules/tracking/status-change.server.ts";
import { addDays, currentDay, dayEndInstant, dayStartInstant } from "#app/utils/dates.ts";
import { prisma } from "#app/utils/db.server.ts";
import { formatDate } from "#app/utils/i18n.ts";
import { createUser } from "#tests/factories.ts";
import { clearMailSettings, smtpSinkForFile, setMailSettings } from "#tests/setup/smtp-sink.ts";
import {
  DIGEST_SEND_QUEUE,
  digestJobs,
  planDigests,
  type DigestJob,
} from "./digest-jobs.server.ts";
import { digestItems, sendDigest } from "./digest.server.ts";
import { periodStartingAt } from "./periods.ts";
import { queueForFollower } from "./queue.server.ts";

const ORIGIN = "https://tracker.example.org";
const DAY_MS = 24 * 3600 * 1000;

const sink = smtpSinkForFile({ mail: "on", origin: ORIGIN });
const runners: JobRunner[] = [];
let counter = 0;

afterEach(async () => {
  while (runners.length > 0) await runners.pop()!.stop();
});

/** Today's period (it holds what the tests record now): the digest is built the same way. */
const today = () => periodStartingAt("daily", dayStartInstant(currentDay()))!;

async function makeFollower(options: {
  locale?: "en" | "es";
  confirmed?: boolean;
  userId?: string;
  follows: Array<{ kind: FollowKind; target: string; frequency?: DigestFrequency }>;
}) {
  counter += 1;
  return prisma.follower.create({
    data: {
      email: `follower-${counter}-${Date.now()}@example.org`,
      locale: options.locale ?? "en",
      confirmedAt: options.confirmed === false ? null : new Date(),
      userId: options.userId,
      follows: {
        create: options.follows.map((follow) => ({
          kind: follow.kind,
          target: follow.target,
          frequency: follow.frequency ?? "daily",
          confirmedAt: new Date(),
        })),
      },
    },
  });
}

const mailTo = (address: string): ParsedMail[] =>
  sink.messages.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.text === address);

const header = (mail: ParsedMail, name: string) =>
  mail.headerLines.find((line) => line.key === name.toLowerCase())?.line.replace(/\r\n\s+/g, " ");

const version = async (id: string) =>
  String((await prisma.recommendation.findUniqueOrThrow({ where: { id } })).version);

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Two open items of one source (and its code), and an item of another source. */
async function pickItems() {
  const first = await prisma.recommendation.findFirstOrThrow({
    where: { archivedAt: null, status: "not_started", titleEs: { not: null } },
    select: { id: true, sourceId: true, source: { select: { code: true } } },
    orderBy: { position: "asc" },
  });
  const second = await prisma.recommendation.findFirstOrThrow({
    where: { archivedAt: null, sourceId: first.sourceId, id: { not: first.id } },
    select: { id: true },
  });
  const elsewhere = await prisma.recommendation.findFirstOrThrow({
    where: { archivedAt: null, sourceId: { not: first.sourceId }, status: { not: "stalled" } },
    select: { id: true, reference: true, referenceEs: true },
  });
  return { a: first.id, b: second.id, sourceCode: first.source.code, c: elsewhere };
}

let items: Awaited<ReturnType<typeof pickItems>>;
let editor: { id: string; role: Role };
let admin: { id: string; role: Role };

beforeAll(async () => {
  // The tests build today's period after recording; a file started a few seconds before
  // midnight in the tracker's zone would record on one day and read the next.
  const toMidnight = dayEndInstant(currentDay()).getTime() - Date.now();
  if (toMidnight < 45_000) await new Promise((resolve) => setTimeout(resolve, toMidnight + 500));
  items = await pickItems();
  editor = await createUser({ role: "editor", name: "Private Editor Name" });
  admin = await createUser({ role: "admin" });
  // Item A: a status change, link evidence whose title needs escaping, a public note and an
  // internal one. Item B (same source): a change awaiting sign-off.
  await changeStatus(editor.id, {
    recommendationId: items.a,
    expectedVersion: await version(items.a),
    toStatus: "in_progress",
    summary: "The agency opened a working group.",
    occurredOn: currentDay(),
  });
  await addEvidence(editor.id, {
    recommendationId: items.a,
    kind: "link",
    url: "https://example.org/minutes",
    title: "Minutes <b>Q&A</b>",
  });
  await createNote(editor.id, {
    recommendationId: items.a,
    body: "Public **progress** noted at the hearing.",
    visibility: "public",
  });
  await createNote(editor.id, {
    recommendationId: items.a,
    body: "INTERNAL-ONLY remark for colleagues.",
    visibility: "internal",
  });
  await setTrackerReviewRequired(admin, true);
  await submitStatusChange(editor, {
    recommendationId: items.b,
    expectedVersion: await version(items.b),
    toStatus: "stalled",
    summary: "AWAITING-SIGN-OFF summary.",
    occurredOn: currentDay(),
  });
});

describe("sendDigest", () => {
  test("mails a confirmed follower one digest with the period's published entries", async () => {
    // Item A followed itself and through its source: it appears once.
    const follower = await makeFollower({
      follows: [
        { kind: "item", target: items.a },
        { kind: "source", target: items.sourceCode },
      ],
    });
    const period = today();
    const result = await sendDigest(follower.id, "daily", period.start);
    expect(result).toMatchObject({ outcome: "sent", entries: 3 });

    const [mail, ...more] = await until(
      async () => mailTo(follower.email),
      (found) => found.length > 0,
    );
    expect(more).toEqual([]);
    expect(mail!.subject).toMatch(/^Recommendation Tracker digest: 3 changes, /);
    const text = mail!.text!;
    const itemUrl = `${ORIGIN}/recommendations/${items.a}`;
    expect(text.split(itemUrl).length - 1).toBe(1);
    expect(text).toContain("Status: Not started → In progress. The agency opened a working group.");
    expect(text).toContain("New evidence: Minutes <b>Q&A</b>");
    expect(text).toContain("Public note: Public progress noted at the hearing.");
    // Named as the public pages name them: the role, not the private name.
    expect(text).toContain(`${formatDate("en", currentDay())} · by Editor`);
    expect(text).not.toContain("Private Editor Name");
    expect(text).not.toContain("INTERNAL-ONLY");
    expect(text).not.toContain("AWAITING-SIGN-OFF");
    // User text is escaped in the HTML.
    expect(mail!.html).toContain("Minutes &lt;b&gt;Q&amp;A&lt;/b&gt;");
    expect(mail!.html).not.toContain("<b>Q&A</b>");
    expect(mail!.html).toContain("tracker&#39;s time zone");

    // Both links, and the one-click unsubscribe headers (RFC 8058).
    const unsubscribe = /https:\/\/tracker\.example\.org\/unsubscribe\/[a-z2-7]{32}/.exec(
      text,
    )?.[0];
    const manage = /https:\/\/tracker\.example\.org\/following\/[a-z2-7]{32}/.exec(text)?.[0];
    expect(unsubscribe).toBeDefined();
    expect(manage).toBeDefined();
    expect(mail!.html).toContain(`href="${unsubscribe}"`);
    expect(mail!.html).toContain(`href="${manage}"`);
    expect(header(mail!, "List-Unsubscribe")).toBe(`List-Unsubscribe: <${unsubscribe}>`);
    expect(header(mail!, "List-Unsubscribe-Post")).toBe(
      "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
    );

    // Once: a second run for the same period sends nothing.
    expect(await sendDigest(follower.id, "daily", period.start)).toEqual({
      outcome: "skipped",
      reason: "done",
    });
    const delivery = await prisma.digestDelivery.findFirstOrThrow({
      where: { followerId: follower.id },
    });
    expect(delivery).toMatchObject({ state: "sent", attempts: 1, entries: 3 });
    // The Message-ID every attempt of this delivery carries.
    expect(delivery.messageId).toBe(`<digest.${delivery.id}@tracker.example.org>`);
    expect(mail!.messageId).toBe(delivery.messageId);
    expect(mailTo(follower.email)).toHaveLength(1);
  });

  test("a change awaiting sign-off counts only once approved", async () => {
    const follower = await makeFollower({ follows: [{ kind: "item", target: items.b }] });
    expect(await digestItems(follower.id, today())).toEqual([]);
    const pending = await prisma.pendingChange.findFirstOrThrow({
      where: { recommendationId: items.b, state: "awaiting" },
    });
    await approveChange(admin, { changeId: pending.id, expectedVersion: pending.version });
    const [item] = await digestItems(follower.id, today());
    expect(item?.entries.map((entry) => entry.text)).toEqual(["AWAITING-SIGN-OFF summary."]);
  });

  test("an actor, a goal or a list filter followed reaches the item", async () => {
    const item = await prisma.recommendation.findUniqueOrThrow({
      where: { id: items.a },
      select: { actors: { select: { code: true } }, goals: { select: { code: true } } },
    });
    const targets: Array<{ kind: FollowKind; target: string }> = [
      {
        kind: "filter",
        target: `source=${encodeURIComponent(items.sourceCode)}&status=in_progress`,
      },
      ...item.actors.slice(0, 1).map((actor) => ({ kind: "actor" as const, target: actor.code })),
      ...item.goals.slice(0, 1).map((goal) => ({ kind: "goal" as const, target: goal.code })),
    ];
    // The item picked has an actor and a goal: each kind is tried.
    expect(targets.map((follow) => follow.kind)).toEqual(["filter", "actor", "goal"]);
    for (const follow of targets) {
      const follower = await makeFollower({ follows: [follow] });
      const found = await digestItems(follower.id, today());
      expect(
        found.map((entry) => entry.id),
        follow.kind,
      ).toContain(items.a);
    }
    // A filter that no longer matches the item (another status) does not reach it.
    const other = await makeFollower({
      follows: [
        {
          kind: "filter",
          target: `source=${encodeURIComponent(items.sourceCode)}&status=implemented`,
        },
      ],
    });
    expect((await digestItems(other.id, today())).map((entry) => entry.id)).not.toContain(items.a);
  });

  test("is in the follower's language", async () => {
    const follower = await makeFollower({
      locale: "es",
      follows: [{ kind: "item", target: items.c.id, frequency: "weekly" }],
    });
    await changeStatus(editor.id, {
      recommendationId: items.c.id,
      expectedVersion: await version(items.c.id),
      toStatus: "stalled",
      summary: "Sin avances desde la reunión.",
      occurredOn: currentDay(),
    });
    const monday = addDays(
      currentDay(),
      -((new Date(`${currentDay()}T12:00:00Z`).getUTCDay() + 6) % 7),
    );
    const result = await sendDigest(follower.id, "weekly", dayStartInstant(monday));
    expect(result.outcome).toBe("sent");
    const [mail] = await until(
      async () => mailTo(follower.email),
      (found) => found.length > 0,
    );
    expect(mail!.subject).toMatch(/^Resumen de .*: 1 cambio, /);
    expect(mail!.text).toContain("Su resumen semanal");
    expect(mail!.text).toContain(items.c.referenceEs ?? items.c.reference);
    expect(mail!.text).toContain("Estado: ");
    expect(mail!.text).toContain("→ Estancada. Sin avances desde la reunión.");
    expect(mail!.text).toContain("Cancelar todos los resúmenes");
    expect(mail!.html).toContain('lang="es"');
  });

  test("sends nothing for an empty period, and nothing to an unconfirmed follower", async () => {
    const quiet = await makeFollower({ follows: [{ kind: "item", target: items.a }] });
    const yesterday = periodStartingAt("daily", dayStartInstant(addDays(currentDay(), -1)))!;
    expect(await sendDigest(quiet.id, "daily", yesterday.start)).toMatchObject({
      outcome: "empty",
    });
    expect(
      await prisma.digestDelivery.findFirstOrThrow({ where: { followerId: quiet.id } }),
    ).toMatchObject({ state: "empty", entries: 0 });

    const unconfirmed = await makeFollower({
      confirmed: false,
      follows: [{ kind: "item", target: items.a }],
    });
    expect(await sendDigest(unconfirmed.id, "daily", today().start)).toEqual({
      outcome: "skipped",
      reason: "unconfirmed",
    });
    expect(await prisma.digestDelivery.count({ where: { followerId: unconfirmed.id } })).toBe(0);
    // A day that is not a period's start is refused.
    expect(await sendDigest(quiet.id, "daily", new Date(today().start.getTime() + 1))).toEqual({
      outcome: "skipped",
      reason: "bad-period",
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailTo(quiet.email)).toEqual([]);
    expect(mailTo(unconfirmed.email)).toEqual([]);
  });

  test("sends nothing to the follower of a disabled account", async () => {
    const gone = await createUser({ role: "editor", disabled: true });
    const follower = await makeFollower({
      userId: gone.id,
      follows: [{ kind: "item", target: items.a }],
    });
    expect(await sendDigest(follower.id, "daily", today().start)).toEqual({
      outcome: "skipped",
      reason: "disabled",
    });
    expect(await prisma.digestDelivery.count({ where: { followerId: follower.id } })).toBe(0);
  });

  test("two runs at once send the period once", async () => {
    const follower = await makeFollower({ follows: [{ kind: "item", target: items.a }] });
    const results = await Promise.all([
      sendDigest(follower.id, "daily", today().start),
      sendDigest(follower.id, "daily", today().start),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(["sent", "skipped"]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailTo(follower.email)).toHaveLength(1);
  });
});

describe("digest jobs", () => {
  const start = async () => {
    const runner = await startJobRunner({
      connectionString: process.env.DATABASE_URL!,
      pollingIntervalSeconds: 0.5,
      modules: [digestJobs({ retryDelaySeconds: 1 })],
    });
    runners.push(runner);
    return runner;
  };

  test("nothing is planned while mail is off", async () => {
    await makeFollower({ follows: [{ kind: "item", target: items.a }] });
    const runner = await start();
    const now = new Date(dayStartInstant(addDays(currentDay(), 1)).getTime() + 7 * 3600 * 1000);
    clearMailSettings();
    try {
      expect(await planDigests(runner.boss, now)).toBe(0);
    } finally {
      setMailSettings(sink, ORIGIN);
    }
  });

  test("a message the SMTP server refuses is retried, then sent once", async () => {
    const follower = await makeFollower({ follows: [{ kind: "item", target: items.a }] });
    const runner = await start();
    sink.refuseNext(1);
    const job: DigestJob = {
      followerId: follower.id,
      frequency: "daily",
      periodStart: today().start.toISOString(),
    };
    await runner.boss.send(DIGEST_SEND_QUEUE, job);
    const delivery = await until(
      () => prisma.digestDelivery.findFirst({ where: { followerId: follower.id } }),
      (row) => row?.state === "sent",
    );
    expect(delivery).toMatchObject({ attempts: 2, lastError: null });
    expect(mailTo(follower.email)).toHaveLength(1);
  });

  test("two instances planning the same period send it once", async () => {
    const follower = await makeFollower({ follows: [{ kind: "item", target: items.a }] });
    const [one, two] = [await start(), await start()];
    // Tomorrow 07:00 in the tracker's zone: today's period is due.
    const now = new Date(dayStartInstant(addDays(currentDay(), 1)).getTime() + 7 * 3600 * 1000);
    const queued = await Promise.all([planDigests(one.boss, now), planDigests(two.boss, now)]);
    expect(queued[0] + queued[1]).toBeGreaterThanOrEqual(1);
    await until(
      () => prisma.digestDelivery.findFirst({ where: { followerId: follower.id } }),
      (row) => row?.state === "sent",
    );
    // Both workers had time to take any second job.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(mailTo(follower.email)).toHaveLength(1);
    // Planned again later, the period is done: nothing is queued for it.
    const again = await planDigests(one.boss, new Date(now.getTime() + 3600 * 1000));
    const jobs = await one.boss.fetch<DigestJob>(DIGEST_SEND_QUEUE, { batchSize: 50 });
    expect(jobs?.some((j) => j.data.followerId === follower.id) ?? false).toBe(false);
    expect(again).toBe(0);
  });
});

describe("My queue", () => {
  test("lists a followed item overdue for checking, not a recently checked one", async () => {
    const staff = await createUser({ role: "editor" });
    const follower = await makeFollower({
      userId: staff.id,
      follows: [{ kind: "source", target: items.sourceCode, frequency: "weekly" }],
    });
    const now = new Date();
    await prisma.recommendation.update({
      where: { id: items.a },
      data: { lastVerifiedAt: new Date(now.getTime() - 100 * DAY_MS) },
    });
    await prisma.recommendation.update({
      where: { id: items.b },
      data: { lastVerifiedAt: new Date(now.getTime() - DAY_MS) },
    });
    const queue = await queueForFollower(follower.id, now);
    const ids = queue.map((item) => item.id);
    expect(ids).toContain(items.a);
    expect(ids).not.toContain(items.b);
    expect(queue.find((item) => item.id === items.a)?.reasons).toContain("overdue");
    // Past its due date while open: due, however recent the check; closed, not.
    await prisma.recommendation.update({
      where: { id: items.b },
      data: { dueDate: new Date(`${addDays(currentDay(), -1)}T00:00:00Z`) },
    });
    const pastDue = await queueForFollower(follower.id, now);
    expect(pastDue.find((item) => item.id === items.b)?.reasons).toEqual(["pastDue"]);
    const { status } = await prisma.recommendation.findUniqueOrThrow({ where: { id: items.b } });
    await prisma.recommendation.update({ where: { id: items.b }, data: { status: "implemented" } });
    expect((await queueForFollower(follower.id, now)).map((item) => item.id)).not.toContain(
      items.b,
    );
    await prisma.recommendation.update({ where: { id: items.b }, data: { status } });
    // Oldest check first: never-checked items, then the oldest check.
    const checked = queue.map((item) => item.lastVerifiedAt?.getTime() ?? -Infinity);
    expect([...checked].sort((x, y) => x - y)).toEqual(checked);

    // A staff member's digest carries it even in a period with nothing else.
    const lastWeek = periodStartingAt(
      "weekly",
      dayStartInstant(
        addDays(currentDay(), -7 - ((new Date(`${currentDay()}T12:00:00Z`).getUTCDay() + 6) % 7)),
      ),
    )!;
    expect(await digestItems(follower.id, lastWeek)).toEqual([]);
    expect((await sendDigest(follower.id, "weekly", lastWeek.start)).outcome).toBe("sent");
    const [mail] = await until(
      async () => mailTo(follower.email),
      (found) => found.length > 0,
    );
    expect(mail!.text).toContain("My queue: due for checking");
    expect(mail!.text).toContain(`${ORIGIN}/recommendations/${items.a}`);
    expect(mail!.text).toContain(`${ORIGIN}/my-queue`);
  });
});

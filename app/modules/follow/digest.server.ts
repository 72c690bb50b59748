// The digest by e-mail: for a follower, a frequency and a period, what happened to what they
// follow with that frequency — status and official-status changes, new evidence, public notes —
// recorded in the period, grouped by item; for staff, also their queue of items due for
// checking. Only published rows are read: changes awaiting sign-off live in PendingChange, and
// internal or deleted notes and removed evidence are left out. People are named as the public
// pages name them. Sending it once per period is sendDigest's (see the decision record 0020).
import { decodeHTML } from "entities";
import { Prisma } from "#app/generated/prisma/client.ts";
import type { OfficialStatus, Status } from "#app/generated/prisma/enums.ts";
import { hasRole } from "#app/modules/auth/permissions.ts";
import { sendMail } from "#app/modules/mail/mailer.server.ts";
import { escapeMailHtml } from "#app/modules/mail/message.server.ts";
import {
  authorColumnsSql,
  changeAuthor,
  changeRowsSql,
  type AuthorColumns,
  type ChangeAuthor,
} from "#app/modules/recommendations/change-rows.server.ts";
import { publicPerson } from "#app/modules/tracking/people.server.ts";
import { shownPersonName } from "#app/modules/tracking/people.ts";
import { dayDate, dayIn, timeZone } from "#app/utils/dates.ts";
import { prisma } from "#app/utils/db.server.ts";
import { publicOrigin } from "#app/utils/env.server.ts";
import {
  dateFormatter,
  formatDate,
  isLocale,
  localizedReference,
  localizedTitle,
  translator,
  type Locale,
  type Translate,
} from "#app/utils/i18n.ts";
import { logger } from "#app/utils/logger.server.ts";
import { renderMarkdown } from "#app/utils/markdown.server.ts";
import { createFollowerToken, followerLinks } from "./tokens.server.ts";
import { followedItemsSql } from "./digest-scope.server.ts";
import { periodStartingAt, type DigestFrequency, type DigestPeriod } from "./periods.ts";
import { queueForFollower, type QueueItem } from "./queue.server.ts";

type DigestEntryKind = "status" | "official" | "evidence" | "note";

type DigestEntry = {
  id: string;
  kind: DigestEntryKind;
  /** The day it happened in the tracker's zone, "YYYY-MM-DD". */
  day: string;
  recordedAt: Date;
  fromValue: string | null;
  toValue: string | null;
  /** A status change's summary, an evidence title, a note's text as plain words. */
  text: string | null;
  /** The day a piece of evidence documents, "YYYY-MM-DD". */
  documentedOn: string | null;
  author: ChangeAuthor | null;
};

type DigestItem = {
  id: string;
  reference: string;
  referenceEs: string | null;
  title: string;
  titleEs: string | null;
  /** Absolute address of the item's page. */
  url: string;
  entries: DigestEntry[];
};

/** How long a note's excerpt may be, in characters. */
const NOTE_EXCERPT_MAX = 240;

/** A note's markdown as plain words, cut to `max` characters. */
function noteExcerpt(body: string, max = NOTE_EXCERPT_MAX): string {
  // The safe renderer's output holds only harmless tags: dropping them leaves the words.
  const words = decodeHTML(renderMarkdown(body).replace(/<[^>]*>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
  return words.length > max ? `${words.slice(0, max - 1).trimEnd()}…` : words;
}

/**
 * What happened in `period` to the items the follower follows with `frequency` (through follows
 * made before the period ended), by item in catalogue order, each entry in the order recorded.
 */
export async function digestItems(
  followerId: string,
  period: Pick<DigestPeriod, "frequency" | "start" | "end">,
  options: { origin?: string; now?: Date } = {},
): Promise<DigestItem[]> {
  const origin = options.origin ?? publicOrigin();
  const followed = await followedItemsSql(followerId, {
    frequency: period.frequency,
    followedBefore: period.end,
    now: options.now,
  });
  if (!followed) return [];
  const { start, end } = period;
  type Row = {
    id: string;
    kind: DigestEntryKind;
    day: string | null;
    recordedAt: Date;
    fromValue: string | null;
    toValue: string | null;
    text: string | null;
    documentedOn: string | null;
    itemId: string;
    reference: string;
    referenceEs: string | null;
    title: string;
    titleEs: string | null;
  } & AuthorColumns;
  const rows = await prisma.$queryRaw<Row[]>`
    WITH e AS (
      SELECT c.id, c.kind, to_char(c.day, 'YYYY-MM-DD') AS day, c."createdAt", c."fromValue",
        c."toValue", c.summary AS text, NULL::text AS "documentedOn", c."recommendationId",
        c."createdById" AS "authorId"
      FROM ${changeRowsSql} c
      WHERE c."createdAt" >= ${start} AND c."createdAt" < ${end}
      UNION ALL
      SELECT ev.id, 'evidence', NULL, ev."createdAt", NULL, NULL, ev.title,
        to_char(ev."documentedOn", 'YYYY-MM-DD'), ev."recommendationId", ev."createdById"
      FROM "Evidence" ev
      WHERE ev."archivedAt" IS NULL AND ev."createdAt" >= ${start} AND ev."createdAt" < ${end}
      UNION ALL
      SELECT n.id, 'note', NULL, n."createdAt", NULL, NULL, n.body, NULL, n."recommendationId",
        n."authorId"
      FROM "Note" n
      WHERE n.visibility = 'public' AND n."deletedAt" IS NULL
        AND n."createdAt" >= ${start} AND n."createdAt" < ${end}
    )
    SELECT e.id, e.kind, e.day, e."createdAt" AS "recordedAt", e."fromValue", e."toValue", e.text,
      e."documentedOn", r.id AS "itemId", r.reference, r."referenceEs", r.title, r."titleEs",
      ${authorColumnsSql}
    FROM e
    JOIN ${followed} f ON f.id = e."recommendationId"
    JOIN "Recommendation" r ON r.id = e."recommendationId"
    LEFT JOIN "User" u ON u.id = e."authorId"
    ORDER BY r.position, r."createdAt", r.id, e."createdAt", e.id`;
  const items = new Map<string, DigestItem>();
  for (const row of rows) {
    let item = items.get(row.itemId);
    if (!item) {
      item = {
        id: row.itemId,
        reference: row.reference,
        referenceEs: row.referenceEs,
        title: row.title,
        titleEs: row.titleEs,
        url: `${origin}/recommendations/${encodeURIComponent(row.itemId)}`,
        entries: [],
      };
      items.set(row.itemId, item);
    }
    item.entries.push({
      id: row.id,
      kind: row.kind,
      // A status change's own day, the issuer's as-of date; else the day it was recorded.
      day: row.day ?? dayIn(row.recordedAt, timeZone()),
      recordedAt: row.recordedAt,
      fromValue: row.fromValue,
      toValue: row.toValue,
      text: row.kind === "note" && row.text !== null ? noteExcerpt(row.text) : row.text,
      documentedOn: row.documentedOn,
      author: changeAuthor(row),
    });
  }
  return [...items.values()];
}

type DigestMessage = {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
};

type DigestContent = {
  locale: Locale;
  period: DigestPeriod;
  items: DigestItem[];
  /** Staff only; null for everyone else. */
  queue: QueueItem[] | null;
  links: { manage: string; unsubscribe: string; queue: string };
};

/** How many queue items a digest lists; the rest are on /my-queue. */
const DIGEST_QUEUE_SHOWN = 20;

/** The period's days for the reader ("5 Dec 2026"; "30 Nov – 6 Dec 2026"). */
function periodLabel(locale: Locale, period: DigestPeriod): string {
  const format = dateFormatter(locale, { day: "numeric", month: "short", year: "numeric" });
  return period.firstDay === period.lastDay
    ? format.format(dayDate(period.firstDay))
    : format.formatRange(dayDate(period.firstDay), dayDate(period.lastDay));
}

function valueLabel(t: Translate, kind: DigestEntryKind, value: string | null): string {
  if (kind === "status") return t(`status.${value as Status}`);
  return value === null
    ? t("review.changes.moves.none_")
    : t(`officialStatus.${value as OfficialStatus}`);
}

/** One entry's words: what happened, without the day or the author. */
function entryWords(t: Translate, locale: Locale, entry: DigestEntry): string {
  switch (entry.kind) {
    case "status":
    case "official": {
      const moved = t(entry.kind === "status" ? "digest.status" : "digest.official", {
        from: valueLabel(t, entry.kind, entry.fromValue),
        to: valueLabel(t, entry.kind, entry.toValue),
      });
      return entry.text ? `${moved}. ${entry.text}` : moved;
    }
    case "evidence":
      return entry.documentedOn
        ? t("digest.evidenceDocumented", {
            title: entry.text ?? "",
            date: formatDate(locale, entry.documentedOn),
          })
        : t("digest.evidence", { title: entry.text ?? "" });
    case "note":
      return t("digest.note", { excerpt: entry.text ?? "" });
  }
}

function entryMeta(t: Translate, locale: Locale, entry: DigestEntry): string {
  const day = formatDate(locale, entry.day);
  const app = t("app.name");
  const name = entry.author ? shownPersonName(t, publicPerson(entry.author)) : app;
  return `${day} · ${t("digest.by", { name })}`;
}

function count(content: DigestContent): number {
  return content.items.reduce((sum, item) => sum + item.entries.length, 0);
}

const font = "font-family:Arial,Helvetica,sans-serif;color:#1f2937;";
const linkStyle = "color:#1d4ed8;";

/** The digest as a message: subject, plain text, simple inline-styled HTML, and headers. */
function renderDigest(content: DigestContent): DigestMessage {
  const { locale, period, items, queue, links } = content;
  const t = translator(locale);
  const app = t("app.name");
  const label = periodLabel(locale, period);
  const changes = count(content);
  const due = queue?.length ?? 0;
  const subject =
    changes === 0
      ? t("digest.subjectQueue", { app, count: due, period: label })
      : changes === 1
        ? t("digest.subjectOneChange", { app, period: label })
        : t("digest.subjectChanges", { app, count: changes, period: label });
  const heading = t(period.frequency === "daily" ? "digest.headingDaily" : "digest.headingWeekly");
  const intro = t(period.frequency === "daily" ? "digest.introDaily" : "digest.introWeekly", {
    period: label,
  });
  const zone = t("digest.times", { zone: timeZone() });

  const text: string[] = [heading, "", intro, ""];
  const html: string[] = [
    `<div lang="${locale}" style="${font}max-width:640px;margin:0 auto;padding:16px;">`,
    `<h1 style="font-size:20px;margin:0 0 8px;">${escapeMailHtml(heading)}</h1>`,
    `<p style="margin:0 0 16px;">${escapeMailHtml(intro)}</p>`,
  ];
  if (items.length === 0) {
    text.push(t("digest.noChanges"), "");
    html.push(`<p>${escapeMailHtml(t("digest.noChanges"))}</p>`);
  }
  for (const item of items) {
    const reference = localizedReference(locale, item);
    const title = localizedTitle(locale, item);
    text.push(`${reference} — ${title}`, item.url);
    html.push(
      `<h2 style="font-size:16px;margin:20px 0 6px;"><a href="${escapeMailHtml(item.url)}" style="${linkStyle}">${escapeMailHtml(reference)}</a> — ${escapeMailHtml(title)}</h2>`,
      `<ul style="margin:0;padding-left:20px;">`,
    );
    for (const entry of item.entries) {
      const words = entryWords(t, locale, entry);
      const meta = entryMeta(t, locale, entry);
      text.push(`  - ${words}`, `    ${meta}`);
      html.push(
        `<li style="margin:0 0 6px;">${escapeMailHtml(words)}<br><span style="color:#4b5563;font-size:13px;">${escapeMailHtml(meta)}</span></li>`,
      );
    }
    text.push("");
    html.push(`</ul>`);
  }
  if (queue && queue.length > 0) {
    const queueHeading = t("digest.queueHeading");
    text.push(queueHeading, t("digest.queueIntro"));
    html.push(
      `<h2 style="font-size:16px;margin:24px 0 6px;">${escapeMailHtml(queueHeading)}</h2>`,
      `<p style="margin:0 0 6px;">${escapeMailHtml(t("digest.queueIntro"))}</p>`,
      `<ul style="margin:0;padding-left:20px;">`,
    );
    for (const item of queue.slice(0, DIGEST_QUEUE_SHOWN)) {
      const reference = localizedReference(locale, item);
      const url = `${new URL(links.queue).origin}/recommendations/${encodeURIComponent(item.id)}`;
      const why = item.reasons.map((reason) => t(`digest.reasons.${reason}`)).join(", ");
      const checked = item.lastVerifiedAt
        ? `${t("digest.page.lastChecked")}: ${formatDate(locale, dayDate(dayIn(item.lastVerifiedAt, timeZone())))}`
        : "";
      const line = [why, checked].filter(Boolean).join(" · ");
      text.push(`  - ${reference} — ${localizedTitle(locale, item)}`, `    ${line}`, `    ${url}`);
      html.push(
        `<li style="margin:0 0 6px;"><a href="${escapeMailHtml(url)}" style="${linkStyle}">${escapeMailHtml(reference)}</a> — ${escapeMailHtml(localizedTitle(locale, item))}<br><span style="color:#4b5563;font-size:13px;">${escapeMailHtml(line)}</span></li>`,
      );
    }
    html.push(`</ul>`);
    if (queue.length > DIGEST_QUEUE_SHOWN) {
      const more = t("digest.queueMore", { count: queue.length - DIGEST_QUEUE_SHOWN });
      text.push(`  ${more}`);
      html.push(`<p style="margin:6px 0;">${escapeMailHtml(more)}</p>`);
    }
    text.push(`${t("digest.queueOpen")}: ${links.queue}`, "");
    html.push(
      `<p style="margin:6px 0;"><a href="${escapeMailHtml(links.queue)}" style="${linkStyle}">${escapeMailHtml(t("digest.queueOpen"))}</a></p>`,
    );
  }
  const why = t("digest.footerWhy", { app });
  text.push(
    "--",
    zone,
    why,
    `${t("digest.manage")}: ${links.manage}`,
    `${t("digest.unsubscribe")}: ${links.unsubscribe}`,
  );
  html.push(
    `<hr style="border:none;border-top:1px solid #d1d5db;margin:24px 0 12px;">`,
    `<p style="font-size:13px;color:#4b5563;margin:0 0 6px;">${escapeMailHtml(zone)} ${escapeMailHtml(why)}</p>`,
    `<p style="font-size:13px;margin:0;"><a href="${escapeMailHtml(links.manage)}" style="${linkStyle}">${escapeMailHtml(t("digest.manage"))}</a> · <a href="${escapeMailHtml(links.unsubscribe)}" style="${linkStyle}">${escapeMailHtml(t("digest.unsubscribe"))}</a></p>`,
    `</div>`,
  );
  return {
    subject,
    text: text.join("\n"),
    html: `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeMailHtml(subject)}</title></head><body style="margin:0;">${html.join("\n")}</body></html>`,
    headers: {
      // RFC 8058: a mail client may unsubscribe with one POST to this address, no page between.
      "List-Unsubscribe": `<${links.unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

/** How long a delivery left in "sending" is taken as still being sent by another instance. */
export const SENDING_GRACE_MINUTES = 30;

type SendResult =
  | { outcome: "sent"; deliveryId: string; messageId: string; entries: number }
  | { outcome: "empty"; deliveryId: string }
  | {
      outcome: "skipped";
      reason: "no-follower" | "unconfirmed" | "disabled" | "bad-period" | "done" | "in-progress";
    };

const MINUTE_MS = 60_000;

/**
 * Claims the period's delivery row for this attempt. Its unique key (follower, frequency,
 * period start) is the lock: of two instances inserting it, one fails and stops. A row from an
 * earlier attempt is taken over only when it failed, or when it was left "sending" longer than
 * the grace time (an instance that died); a sent or empty one never.
 */
async function claimDelivery(
  followerId: string,
  period: DigestPeriod,
  now: Date,
): Promise<{ id: string } | "done" | "in-progress"> {
  const key = { followerId, frequency: period.frequency, periodStart: period.start };
  try {
    const row = await prisma.digestDelivery.create({
      data: { ...key, periodEnd: period.end, state: "sending", attempts: 1 },
      select: { id: true },
    });
    return row;
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") {
      throw error;
    }
  }
  const existing = await prisma.digestDelivery.findUnique({
    where: { followerId_frequency_periodStart: key },
  });
  if (!existing || existing.state === "sent" || existing.state === "empty") return "done";
  const cutoff = new Date(now.getTime() - SENDING_GRACE_MINUTES * MINUTE_MS);
  // Conditional on what was read, so that of two instances retrying, one takes it.
  const taken = await prisma.digestDelivery.updateMany({
    where: {
      id: existing.id,
      OR: [{ state: "failed" }, { state: "sending", updatedAt: { lt: cutoff } }],
      updatedAt: existing.updatedAt,
    },
    data: { state: "sending", attempts: { increment: 1 } },
  });
  return taken.count === 1 ? { id: existing.id } : "in-progress";
}

/**
 * Sends the follower's digest of `frequency` for the period beginning at `periodStart`, once:
 * "sending" is marked before the message goes and "sent" (with its message id) after the
 * server accepted it. A failure marks the row "failed" and throws, for the job to retry.
 * Nothing is mailed when the period holds no entry (and, for staff, nothing is due in their
 * queue): the row says "empty".
 */
export async function sendDigest(
  followerId: string,
  frequency: DigestFrequency,
  periodStart: Date,
  options: { now?: Date; origin?: string } = {},
): Promise<SendResult> {
  const now = options.now ?? new Date();
  const period = periodStartingAt(frequency, periodStart);
  if (!period) return { outcome: "skipped", reason: "bad-period" };
  const follower = await prisma.follower.findUnique({
    where: { id: followerId },
    select: {
      email: true,
      locale: true,
      confirmedAt: true,
      user: { select: { role: true, disabled: true } },
    },
  });
  if (!follower) return { outcome: "skipped", reason: "no-follower" };
  if (!follower.confirmedAt) return { outcome: "skipped", reason: "unconfirmed" };
  // A disabled account's follows stop with it (its person can follow again as a visitor).
  if (follower.user?.disabled) return { outcome: "skipped", reason: "disabled" };

  const claimed = await claimDelivery(followerId, period, now);
  if (claimed === "done" || claimed === "in-progress") {
    return { outcome: "skipped", reason: claimed };
  }
  const deliveryId = claimed.id;
  try {
    const origin = options.origin ?? publicOrigin();
    const items = await digestItems(followerId, period, { origin, now });
    const staff = follower.user && hasRole(follower.user, "editor");
    const queue = staff ? await queueForFollower(followerId, now) : null;
    const entries = items.reduce((sum, item) => sum + item.entries.length, 0);
    if (entries === 0 && (queue?.length ?? 0) === 0) {
      await prisma.digestDelivery.update({
        where: { id: deliveryId },
        data: { state: "empty", entries: 0, lastError: null },
      });
      return { outcome: "empty", deliveryId };
    }
    const token = await createFollowerToken(followerId, "manage", now);
    const { manage, unsubscribe } = followerLinks(origin, token);
    const locale: Locale = isLocale(follower.locale) ? follower.locale : "en";
    const message = renderDigest({
      locale,
      period,
      items,
      queue,
      links: { manage, unsubscribe, queue: `${origin}/my-queue` },
    });
    const messageId = await sendMail({
      to: follower.email,
      ...message,
      // The same Message-ID on every attempt of this delivery: should a retry ever mail it a
      // second time, mail programs show the two as one message.
      headers: {
        ...message.headers,
        "Message-ID": `<digest.${deliveryId}@${new URL(origin).hostname}>`,
      },
    });
    await prisma.digestDelivery.update({
      where: { id: deliveryId },
      data: { state: "sent", entries, messageId, sentAt: new Date(), lastError: null },
    });
    return { outcome: "sent", deliveryId, messageId, entries };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await prisma.digestDelivery
      .update({
        where: { id: deliveryId },
        data: { state: "failed", lastError: reason.slice(0, 500) },
      })
      .catch((markError: unknown) =>
        logger.error({ err: markError }, "digest: could not mark failed"),
      );
    throw error;
  }
}

// Following by e-mail: a person (signed in, with their account's address) or a visitor (with an
// address they confirm by a link) follows an item, a source, a goal, an actor or a filtered list,
// daily or weekly, in English or Spanish. The digests themselves are built and sent elsewhere
// (digest*.server.ts); this module keeps who follows what, mails the confirmation, and serves
// the pages that manage and end it.
//
// A visitor's address is never shown to anyone else and never answers whether it already
// follows something: the form says "check your inbox" either way. Every change is audited
// without the address (the audit log names the Follower by its id).
import { describeFilters } from "#app/modules/recommendations/filter-words.server.ts";
import { z } from "zod";
import { Prisma, type Follow } from "#app/generated/prisma/client.ts";
import { recordAudit } from "#app/modules/audit/audit.server.ts";
import { followMailGate } from "#app/modules/auth/rate-limit.server.ts";
import { sendMail } from "#app/modules/mail/mailer.server.ts";
import { simpleMessage } from "#app/modules/mail/message.server.ts";
import { parseFilters, queryString } from "#app/modules/recommendations/filters.ts";
import { prisma, type Tx } from "#app/utils/db.server.ts";
import { ValidationError } from "#app/utils/domain-errors.ts";
import { publicOrigin } from "#app/utils/env.server.ts";
import {
  isLocale,
  localizedReference,
  localizedTitle,
  translator,
  type Locale,
} from "#app/utils/i18n.ts";
import { createFollowerToken, followerLinks, followerOfToken } from "./tokens.server.ts";
import {
  followKinds,
  followTargetOfFilters,
  frequencies,
  type FollowKindName,
  type FollowTarget,
  type Frequency,
} from "./targets.ts";

const TARGET_MAX = 1000;
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const controlCharacters = /[\u0000-\u001f\u007f]/;

const FollowSchema = z.object({
  kind: z.enum(followKinds, { error: "follow.errors.kind" }),
  target: z
    .string({ error: "follow.errors.target" })
    .trim()
    .max(TARGET_MAX, "follow.errors.target")
    // PostgreSQL refuses NUL in text: such a target names nothing, and must not reach a query.
    .refine((value) => !controlCharacters.test(value), "follow.errors.target"),
  frequency: z.enum(frequencies, { error: "follow.errors.frequency" }),
  locale: z.enum(["en", "es"], { error: "follow.errors.locale" }),
});

const EmailSchema = z
  .string({ error: "follow.errors.email" })
  .trim()
  .toLowerCase()
  .max(320, "follow.errors.email")
  .pipe(z.email("follow.errors.email"));

export type FollowInput = {
  kind: unknown;
  target: unknown;
  frequency: unknown;
  locale: unknown;
  /** A visitor's address; ignored for a signed-in person (their account's is used). */
  email?: unknown;
  user?: { id: string; email: string } | null;
  /** The client's address, for the rate limit on confirmation mail. */
  ip: string;
};

export type FollowResult =
  /** A signed-in person follows it now. */
  | { outcome: "following" }
  /** A visitor: a confirmation went to the address (or the follow was confirmed already). */
  | { outcome: "check-inbox"; email: string }
  | { outcome: "rate-limited"; retryAfter: number }
  | { outcome: "mail-failed" };

function fieldError(field: string, message: string): never {
  throw ValidationError.field(field, message);
}

const insensitive = (value: string) => ({ equals: value, mode: "insensitive" as const });

/**
 * What `kind` and `target` name, checked and written the way the digests read them: an item by
 * its id (not archived), a source, goal or actor by its code as stored, a filtered list as the
 * normalised query string of its filters (a single source, goal or actor becomes that kind).
 * Throws a ValidationError on `target` for anything unknown.
 */
export async function resolveTarget(kind: FollowKindName, raw: string): Promise<FollowTarget> {
  const target = raw.trim();
  if (kind === "item") {
    const item = target
      ? await prisma.recommendation.findFirst({
          where: { id: target, archivedAt: null },
          select: { id: true },
        })
      : null;
    return item ? { kind, target: item.id } : fieldError("target", "follow.errors.target");
  }
  if (kind === "source" || kind === "goal" || kind === "actor") {
    const code = target ? await codeOf(kind, target) : null;
    return code ? { kind, target: code } : fieldError("target", "follow.errors.target");
  }
  const { filters, errors } = parseFilters(new URLSearchParams(target));
  if (Object.values(errors).some(Boolean)) fieldError("target", "follow.errors.target");
  // Codes as stored (a list reached by "gao-21-322" and by "GAO-21-322" is one list), and known.
  for (const key of ["source", "goal", "actor"] as const) {
    const value = filters[key];
    if (!value) continue;
    const code = await codeOf(key, value);
    if (!code) fieldError("target", "follow.errors.target");
    filters[key] = code;
  }
  if (filters.tag) {
    const tag = await prisma.tag.findFirst({
      where: { slug: insensitive(filters.tag) },
      select: { slug: true },
    });
    if (!tag) fieldError("target", "follow.errors.target");
    filters.tag = tag.slug;
  }
  return followTargetOfFilters(filters) ?? fieldError("target", "follow.errors.emptyFilter");
}

async function codeOf(kind: "source" | "goal" | "actor", code: string): Promise<string | null> {
  const where = { code: insensitive(code), archivedAt: null };
  const select = { code: true };
  const row =
    kind === "source"
      ? await prisma.source.findFirst({ where, select })
      : kind === "goal"
        ? await prisma.goal.findFirst({ where, select })
        : await prisma.actor.findFirst({ where, select });
  return row?.code ?? null;
}

/** Validates a Follow form's fields; throws a ValidationError naming each bad field. */
function parseInput(input: FollowInput) {
  const parsed = FollowSchema.safeParse({
    kind: input.kind,
    target: input.target ?? "",
    frequency: input.frequency,
    locale: input.locale,
  });
  const errors: Record<string, string[]> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "form");
      (errors[field] ??= []).push(issue.message);
    }
  }
  let email: string | null = null;
  if (!input.user) {
    const checked = EmailSchema.safeParse(input.email ?? "");
    if (checked.success) email = checked.data;
    else errors.email = ["follow.errors.email"];
  }
  if (!parsed.success || Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { ...parsed.data, email };
}

/**
 * Follows something. A signed-in person follows at once with their account's address. A
 * visitor's follow waits, unconfirmed, for the link of the message sent for it (at most 5 an
 * hour per address, 10 per client address): a confirmed address does not make a stranger's new
 * follow of it count. A follow already confirmed is not mailed about again (the answer is the
 * same). Throws a ValidationError for bad input (nothing written).
 */
export async function follow(input: FollowInput): Promise<FollowResult> {
  const fields = parseInput(input);
  const target = await resolveTarget(fields.kind, fields.target);
  const frequency: Frequency = fields.frequency;
  const locale: Locale = fields.locale;

  if (input.user) {
    const user = input.user;
    await retryOnConflict(() =>
      prisma.$transaction(async (tx) => {
        const follower = await followerOfUser(tx, user, locale);
        await upsertFollow(tx, follower.id, target, frequency, user.id, "self");
      }),
    );
    return { outcome: "following" };
  }

  const email = fields.email!;
  const gate = await followMailGate({ email, ip: input.ip });
  if (!gate.ok) return { outcome: "rate-limited", retryAfter: gate.retryAfter };

  const { follower, followId } = await retryOnConflict(() =>
    prisma.$transaction(async (tx) => {
      const follower = await tx.follower.upsert({
        where: { email },
        create: { email, locale },
        update: {},
        select: followerSelect,
      });
      const confirmed = Boolean(follower.confirmedAt);
      // An unconfirmed address takes the latest request's choices; a confirmed one keeps its own
      // (a stranger who knows the address may ask it to follow more, never change it).
      if (!confirmed && follower.locale !== locale) {
        await tx.follower.update({ where: { id: follower.id }, data: { locale } });
      }
      const followId = await upsertFollow(tx, follower.id, target, frequency, null, "visitor");
      return { follower: { ...follower, locale: confirmed ? follower.locale : locale }, followId };
    }),
  );
  // Already confirmed: nothing to ask, and the answer does not tell.
  if (!followId) return { outcome: "check-inbox", email };

  const mailLocale = isLocale(follower.locale) ? follower.locale : locale;
  try {
    const token = await createFollowerToken(follower.id, "confirm", new Date(), followId);
    // Links point at PUBLIC_URL, never at the request's Host, which the client chooses.
    await sendMail(
      await confirmationMail(email, mailLocale, target, frequency, publicOrigin(), token),
    );
  } catch {
    return { outcome: "mail-failed" };
  }
  return { outcome: "check-inbox", email };
}

/**
 * Runs `work` again when it hit a unique key: requests at once for a new address (or follow) all
 * find nothing and all insert; one wins, and the others, run again, find its rows.
 */
async function retryOnConflict<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const conflict =
        error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!conflict || attempt >= attempts) throw error;
    }
  }
}

const followerSelect = { id: true, email: true, locale: true, confirmedAt: true } as const;

/**
 * The Follower of a signed-in person: theirs, or the one of their address (then made theirs).
 * Taking over an address confirms it, not the follows strangers asked for it.
 */
async function followerOfUser(tx: Tx, user: { id: string; email: string }, locale: Locale) {
  const email = user.email.toLowerCase();
  const mine = await tx.follower.findUnique({ where: { userId: user.id }, select: followerSelect });
  if (mine) {
    // The account's address is the one digests go to, once no other follower holds it.
    const taken = mine.email !== email && (await tx.follower.findUnique({ where: { email } }));
    return tx.follower.update({
      where: { id: mine.id },
      data: { locale, confirmedAt: mine.confirmedAt ?? new Date(), ...(taken ? {} : { email }) },
      select: followerSelect,
    });
  }
  const byAddress = await tx.follower.findUnique({ where: { email }, select: followerSelect });
  const follower = byAddress
    ? await tx.follower.update({
        where: { id: byAddress.id },
        data: { userId: user.id, locale, confirmedAt: byAddress.confirmedAt ?? new Date() },
        select: followerSelect,
      })
    : await tx.follower.create({
        data: { email, userId: user.id, locale, confirmedAt: new Date() },
        select: followerSelect,
      });
  if (!byAddress?.confirmedAt) {
    await recordAudit(tx, {
      actorId: user.id,
      action: "follower.confirmed",
      entityType: "Follower",
      entityId: follower.id,
      after: { by: "account" },
    });
  }
  return follower;
}

/**
 * Adds the Follow, or changes it; audited when something changed. The follower themself
 * ("self") follows at once and may change the frequency; for a visitor ("visitor") a new follow
 * waits for its link, and only a follow not yet confirmed takes the request's frequency.
 * Returns the follow's id when it waits for confirmation (a link is to be mailed), else null.
 */
async function upsertFollow(
  tx: Tx,
  followerId: string,
  target: FollowTarget,
  frequency: Frequency,
  actorId: string | null,
  by: "self" | "visitor",
): Promise<string | null> {
  const existing = await tx.follow.findUnique({
    where: { followerId_kind_target: { followerId, kind: target.kind, target: target.target } },
  });
  const confirmedAt = by === "self" ? new Date() : null;
  if (!existing) {
    const created = await tx.follow.create({
      data: { followerId, kind: target.kind, target: target.target, frequency, confirmedAt },
    });
    await recordAudit(tx, {
      actorId,
      action: "follow.followed",
      entityType: "Follow",
      entityId: created.id,
      after: {
        followerId,
        kind: target.kind,
        target: target.target,
        frequency,
        confirmed: Boolean(confirmedAt),
      },
    });
    return confirmedAt ? null : created.id;
  }
  const mayChange = by === "self" || !existing.confirmedAt;
  if (mayChange && existing.frequency !== frequency) {
    await tx.follow.update({ where: { id: existing.id }, data: { frequency } });
    await recordAudit(tx, {
      actorId,
      action: "follow.frequency_changed",
      entityType: "Follow",
      entityId: existing.id,
      before: { frequency: existing.frequency },
      after: { frequency },
    });
  }
  if (existing.confirmedAt) return null;
  if (by === "visitor") return existing.id;
  // The person themself asks for a follow a stranger left waiting: it counts now.
  await confirmFollow(tx, existing.id, actorId, "account");
  return null;
}

async function confirmFollow(tx: Tx, followId: string, actorId: string | null, by: string) {
  const confirmed = await tx.follow.updateMany({
    where: { id: followId, confirmedAt: null },
    data: { confirmedAt: new Date() },
  });
  if (confirmed.count > 0) {
    await recordAudit(tx, {
      actorId,
      action: "follow.confirmed",
      entityType: "Follow",
      entityId: followId,
      after: { by },
    });
  }
}

/**
 * Confirms what a confirmation link names: its follower's address (if not yet) and the follow it
 * was sent for. Returns the follower's id, or null for an unknown or expired link. Using the link
 * again changes nothing.
 */
export async function confirm(token: string, now = new Date()): Promise<string | null> {
  const found = await followerOfToken(token, "confirm", now);
  if (!found) return null;
  await prisma.$transaction(async (tx) => {
    const confirmed = await tx.follower.updateMany({
      where: { id: found.followerId, confirmedAt: null },
      data: { confirmedAt: now },
    });
    if (confirmed.count > 0) {
      await recordAudit(tx, {
        actorId: null,
        action: "follower.confirmed",
        entityType: "Follower",
        entityId: found.followerId,
        after: { by: "link" },
      });
    }
    if (found.followId) await confirmFollow(tx, found.followId, null, "link");
  });
  return found.followerId;
}

/**
 * Confirms by a confirmation link (as `confirm`) and makes a manage link for its follower, to
 * open the page of what they follow; null for an unknown or expired link.
 */
export async function confirmAndManage(token: string): Promise<string | null> {
  const followerId = await confirm(token);
  return followerId ? createFollowerToken(followerId, "manage") : null;
}

/**
 * What a confirmation link would confirm, for the page that asks to: the follow's label in
 * `locale` and its frequency (null for a link that names no follow); null for an unknown or
 * expired link.
 */
export async function confirmationOf(
  token: string,
  locale: Locale,
): Promise<{ follow: { label: string; frequency: Frequency } | null } | null> {
  const found = await followerOfToken(token, "confirm");
  if (!found) return null;
  const row = found.followId
    ? await prisma.follow.findUnique({ where: { id: found.followId } })
    : null;
  if (!row) return { follow: null };
  const { label } = await describeTarget({ kind: row.kind, target: row.target }, locale);
  return { follow: { label, frequency: row.frequency } };
}

/** Stops one follow of this follower; false when it is not theirs (or already gone). */
export async function unfollow(
  followerId: string,
  followId: string,
  actorId: string | null = null,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.follow.findFirst({ where: { id: followId, followerId } });
    if (!row) return false;
    await tx.follow.delete({ where: { id: row.id } });
    await recordAudit(tx, {
      actorId,
      action: "follow.unfollowed",
      entityType: "Follow",
      entityId: row.id,
      before: { followerId, kind: row.kind, target: row.target, frequency: row.frequency },
    });
    return true;
  });
}

/**
 * Stops everything this follower follows, and the confirmation links still out, so that nothing
 * mails this address again unless it follows something anew. The manage link keeps working (it
 * then shows nothing followed). Returns how many follows were removed.
 */
export async function unsubscribeAll(
  followerId: string,
  actorId: string | null = null,
): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.follow.findMany({ where: { followerId }, orderBy: { createdAt: "asc" } });
    await tx.follow.deleteMany({ where: { followerId } });
    await tx.followerToken.deleteMany({ where: { followerId, purpose: "confirm" } });
    await recordAudit(tx, {
      actorId,
      action: "follower.unsubscribed",
      entityType: "Follower",
      entityId: followerId,
      before: { follows: rows.map((row) => ({ kind: row.kind, target: row.target })) },
      after: { follows: [] },
    });
    return rows.length;
  });
}

/** Changes how often one follow's digest comes; false when it is not this follower's. */
export async function changeFrequency(
  followerId: string,
  followId: string,
  frequency: unknown,
  actorId: string | null = null,
): Promise<boolean> {
  const parsed = z.enum(frequencies).safeParse(frequency);
  if (!parsed.success) fieldError("frequency", "follow.errors.frequency");
  return prisma.$transaction(async (tx) => {
    const row = await tx.follow.findFirst({ where: { id: followId, followerId } });
    if (!row) return false;
    if (row.frequency === parsed.data) return true;
    await tx.follow.update({ where: { id: row.id }, data: { frequency: parsed.data } });
    await recordAudit(tx, {
      actorId,
      action: "follow.frequency_changed",
      entityType: "Follow",
      entityId: row.id,
      before: { frequency: row.frequency },
      after: { frequency: parsed.data },
    });
    return true;
  });
}

/** Changes the language of this follower's mail. */
export async function changeLocale(
  followerId: string,
  locale: unknown,
  actorId: string | null = null,
): Promise<void> {
  if (!isLocale(locale)) fieldError("locale", "follow.errors.locale");
  await prisma.$transaction(async (tx) => {
    const follower = await tx.follower.findUnique({ where: { id: followerId } });
    if (!follower || follower.locale === locale) return;
    await tx.follower.update({ where: { id: followerId }, data: { locale } });
    await recordAudit(tx, {
      actorId,
      action: "follower.locale_changed",
      entityType: "Follower",
      entityId: followerId,
      before: { locale: follower.locale },
      after: { locale },
    });
  });
}

export type FollowView = {
  id: string;
  kind: FollowKindName;
  target: string;
  frequency: Frequency;
  /** What is followed, in words, in the reader's language. */
  label: string;
  /** The page it stands for. */
  href: string;
};

export type FollowerView = {
  id: string;
  /** The address with most of its name hidden ("a…e@example.org"). */
  maskedEmail: string;
  locale: Locale;
  confirmed: boolean;
  follows: FollowView[];
};

/** A follower and what they follow, labelled in `locale`; null when there is no such follower. */
export async function followsOf(followerId: string, locale: Locale): Promise<FollowerView | null> {
  const follower = await prisma.follower.findUnique({
    where: { id: followerId },
    // A follow waiting for its link is not shown: a stranger may have asked for it.
    include: { follows: { where: { confirmedAt: { not: null } }, orderBy: { createdAt: "asc" } } },
  });
  if (!follower) return null;
  return {
    id: follower.id,
    maskedEmail: maskEmail(follower.email),
    locale: isLocale(follower.locale) ? follower.locale : "en",
    confirmed: Boolean(follower.confirmedAt),
    follows: await Promise.all(follower.follows.map((row) => viewOf(row, locale))),
  };
}

/** The follower of a signed-in person, if they follow (or followed) anything. */
export async function followerIdOfUser(userId: string): Promise<string | null> {
  const follower = await prisma.follower.findUnique({ where: { userId }, select: { id: true } });
  return follower?.id ?? null;
}

export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  const name = email.slice(0, at);
  const shown = name.length <= 2 ? `${name[0] ?? ""}…` : `${name[0]}…${name[name.length - 1]}`;
  return `${shown}${email.slice(at)}`;
}

async function viewOf(row: Pick<Follow, "id" | "kind" | "target" | "frequency">, locale: Locale) {
  const { label, href } = await describeTarget({ kind: row.kind, target: row.target }, locale);
  return { id: row.id, kind: row.kind, target: row.target, frequency: row.frequency, label, href };
}

/** The most of a followed list's search text its label shows. */
const SEARCH_LABEL_MAX = 40;

/** What a follow names, in words in `locale`, and the page that shows it. */
export async function describeTarget(
  target: FollowTarget,
  locale: Locale,
): Promise<{ label: string; href: string }> {
  const list = (query: string) => `/recommendations${query ? `?${query}` : ""}`;
  switch (target.kind) {
    case "item": {
      const item = await prisma.recommendation.findUnique({
        where: { id: target.target },
        select: { reference: true, referenceEs: true, title: true, titleEs: true },
      });
      return {
        label: item
          ? `${localizedReference(locale, item)} – ${localizedTitle(locale, item)}`
          : target.target,
        href: `/recommendations/${encodeURIComponent(target.target)}`,
      };
    }
    case "source":
    case "goal":
    case "actor": {
      const name = await nameOf(target.kind, target.target, locale);
      return {
        label: name ? `${target.target} – ${name}` : target.target,
        href: list(queryString({ [target.kind]: target.target }).slice(1)),
      };
    }
    case "filter": {
      const { filters } = parseFilters(new URLSearchParams(target.target));
      // The search text is anyone's to write and goes into mail to any address: kept short.
      const words = await describeFilters(filters, locale, { searchMax: SEARCH_LABEL_MAX });
      return {
        label: words.map((part) => `${part.label}: ${part.value}`).join(" · "),
        href: list(target.target),
      };
    }
  }
}

async function nameOf(kind: "source" | "goal" | "actor", code: string, locale: Locale) {
  if (kind === "actor") {
    const actor = await prisma.actor.findUnique({ where: { code } });
    return actor ? (locale === "es" && actor.nameEs ? actor.nameEs : actor.name) : null;
  }
  const row =
    kind === "source"
      ? await prisma.source.findUnique({ where: { code }, select: { title: true, titleEs: true } })
      : await prisma.goal.findUnique({ where: { code }, select: { title: true, titleEs: true } });
  return row ? localizedTitle(locale, row) : null;
}

// ---------------------------------------------------------------------------------------------
// Mail

async function whatWords(target: FollowTarget, locale: Locale) {
  return (await describeTarget(target, locale)).label;
}

async function confirmationMail(
  to: string,
  locale: Locale,
  target: FollowTarget,
  frequency: Frequency,
  origin: string,
  token: string,
) {
  const t = translator(locale);
  const what = await whatWords(target, locale);
  const app = t("app.name");
  const body = simpleMessage(locale, [
    {
      text: t("follow.mail.confirmIntro", {
        what,
        app,
        frequency: t(`follow.frequencyWords.${frequency}`),
      }),
    },
    { text: t("follow.mail.confirmAction"), link: followerLinks(origin, token).confirm },
    { text: t("follow.mail.ignore") },
  ]);
  return { to, subject: t("follow.mail.confirmSubject", { what, app }), ...body };
}

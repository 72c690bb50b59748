import { RouterContextProvider } from "react-router";
import { describe, expect, test } from "vitest";
import { createUser } from "#tests/factories.ts";
import { smtpSinkForFile } from "#tests/setup/smtp-sink.ts";
import { prisma } from "#app/utils/db.server.ts";
import { ValidationError } from "#app/utils/domain-errors.ts";
import { clientIpContext } from "#app/utils/request-context.server.ts";
import {
  changeFrequency,
  changeLocale,
  confirm,
  confirmationOf,
  follow,
  followsOf,
  maskEmail,
  resolveTarget,
  unfollow,
  unsubscribeAll,
} from "./follow.server.ts";
import { followedItemsSql } from "./digest-scope.server.ts";
import { followerOfToken } from "./tokens.server.ts";

const ITEM = "gao-21-322-atf-data";
const ORIGIN = "http://tracker.test";
const sink = smtpSinkForFile({ mail: "on", origin: ORIGIN });

let counter = 0;
const fresh = () => {
  counter += 1;
  return { email: `reader-${counter}-${Date.now()}@example.org`, ip: `203.0.113.${counter}` };
};

/** The messages that reached `email`, oldest first. */
const mailTo = (email: string) =>
  sink.messages.filter((mail) => {
    const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
    return to.some((address) => address.value.some((one) => one.address === email));
  });

async function waitForMailTo(email: string, count: number) {
  for (let i = 0; i < 100; i += 1) {
    if (mailTo(email).length >= count) return mailTo(email);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`expected ${count} messages to ${email}, got ${mailTo(email).length}`);
}

const linkToken = (text: string, path: string) =>
  new RegExp(`${ORIGIN}/${path}/([a-z2-7]{32})`).exec(text)?.[1];

async function auditActions(entityId: string) {
  const events = await prisma.auditEvent.findMany({
    where: { entityId },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
  return events.map((event) => event.action);
}

async function validationErrorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

describe("a visitor follows by e-mail", () => {
  test("gets one confirmation in their language whose link confirms the address", async () => {
    const { email, ip } = fresh();
    const result = await follow({
      kind: "item",
      target: ITEM,
      frequency: "weekly",
      locale: "es",
      email: email.toUpperCase(),
      ip,
    });
    expect(result).toEqual({ outcome: "check-inbox", email });
    const [mail] = await waitForMailTo(email, 1);
    expect(mail!.subject).toMatch(/^Confirme para seguir GAO-21-322/);
    expect(mail!.text).toContain("cada semana");
    expect(mail!.html).toContain('lang="es"');
    const token = linkToken(mail!.text ?? "", "follow/confirm");
    expect(token).toBeDefined();

    const follower = await prisma.follower.findUniqueOrThrow({
      where: { email },
      include: { follows: true },
    });
    expect(follower.confirmedAt).toBeNull();
    expect(follower.locale).toBe("es");
    expect(follower.follows).toMatchObject([
      { kind: "item", target: ITEM, frequency: "weekly", confirmedAt: null },
    ]);
    // Until confirmed, no digest and no queue counts it.
    expect(await followedItemsSql(follower.id)).toBeNull();
    // The page the link opens says what it confirms; an unknown link confirms nothing.
    expect(await confirmationOf(token!, "es")).toMatchObject({
      follow: { label: expect.stringMatching(/^GAO-21-322/), frequency: "weekly" },
    });
    expect(await confirmationOf("a".repeat(32), "es")).toBeNull();

    expect(await confirm(token!)).toBe(follower.id);
    expect(await followedItemsSql(follower.id)).not.toBeNull();
    const confirmed = await prisma.follower.findUniqueOrThrow({ where: { id: follower.id } });
    expect(confirmed.confirmedAt).not.toBeNull();
    // Opening the link again changes nothing and records nothing more.
    expect(await confirm(token!)).toBe(follower.id);
    expect(await auditActions(follower.id)).toEqual(["follower.confirmed"]);
    // Nobody's address in the audit log.
    const events = await prisma.auditEvent.findMany({
      where: { entityType: { in: ["Follow", "Follower"] } },
    });
    expect(JSON.stringify(events.map((event) => [event.before, event.after]))).not.toContain(email);

    const view = await followsOf(follower.id, "es");
    expect(view?.confirmed).toBe(true);
    expect(view?.maskedEmail).toBe(maskEmail(email));
    expect(view?.follows[0]?.label).toMatch(/^GAO-21-322/);
    expect(view?.follows[0]?.href).toBe(`/recommendations/${ITEM}`);
  });

  test("links in its mail point at PUBLIC_URL, whatever host the request named", async () => {
    const { action } = await import("#app/routes/follow/follow.tsx");
    const { email, ip } = fresh();
    const context = new RouterContextProvider();
    context.set(clientIpContext, ip);
    const body = new URLSearchParams({
      kind: "item",
      target: ITEM,
      frequency: "daily",
      locale: "en",
      email,
    });
    const request = new Request("http://evil.example/follow", {
      method: "POST",
      headers: { Host: "evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body,
    });
    await action({ request, context, params: {}, unstable_pattern: "" } as never);
    const [mail] = await waitForMailTo(email, 1);
    const links = [...`${mail!.text} ${mail!.html}`.matchAll(/https?:\/\/[^\s"'<>/]+/g)];
    expect(links.length).toBeGreaterThan(0);
    expect(new Set(links.map((link) => link[0]))).toEqual(new Set([ORIGIN]));
  });

  test("asking again gives the same answer; a confirmed follow is not mailed about again", async () => {
    const { email, ip } = fresh();
    const input = { frequency: "daily", locale: "en", email, ip };
    const first = await follow({ ...input, kind: "source", target: "gao-21-322" });
    const again = await follow({ ...input, kind: "source", target: "GAO-21-322" });
    expect(again).toEqual(first);
    const mails = await waitForMailTo(email, 2);
    const token = linkToken(mails[1]!.text ?? "", "follow/confirm")!;
    const followerId = (await confirm(token))!;
    expect((await followsOf(followerId, "en"))!.follows.map((row) => row.target)).toEqual([
      "GAO-21-322",
    ]);

    expect(await follow({ ...input, kind: "source", target: "GAO-21-322" })).toEqual(first);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailTo(email)).toHaveLength(2);
  });

  test("a stranger's new follow of a confirmed address waits for its own link", async () => {
    const { email, ip } = fresh();
    const input = { frequency: "daily", locale: "en", email, ip };
    await follow({ ...input, kind: "source", target: "GAO-21-322" });
    const followerId = (await confirm(
      linkToken((await waitForMailTo(email, 1))[0]!.text ?? "", "follow/confirm")!,
    ))!;

    const added = await follow({ ...input, kind: "actor", target: "atf" });
    expect(added).toEqual({ outcome: "check-inbox", email });
    const notice = (await waitForMailTo(email, 2))[1]!;
    expect(notice.subject).toMatch(/^Confirm to follow ATF/);
    const pending = await prisma.follow.findFirstOrThrow({ where: { followerId, kind: "actor" } });
    expect(pending.confirmedAt).toBeNull();
    // Neither the manage page nor the digests count it.
    expect((await followsOf(followerId, "en"))!.follows.map((row) => row.kind)).toEqual(["source"]);

    await confirm(linkToken(notice.text ?? "", "follow/confirm")!);
    const follower = await prisma.follower.findUniqueOrThrow({
      where: { email },
      include: { follows: { orderBy: { createdAt: "asc" } } },
    });
    // One follow per source however it was spelled, with codes as stored, both confirmed now.
    expect(follower.follows.map((row) => [row.kind, row.target, Boolean(row.confirmedAt)])).toEqual(
      [
        ["source", "GAO-21-322", true],
        ["actor", "ATF", true],
      ],
    );
    expect(await auditActions(pending.id)).toEqual(["follow.followed", "follow.confirmed"]);
  });

  test("a list's search text is cut short in mail, and its related filter is in words", async () => {
    const { email, ip } = fresh();
    const search = `${"Visit evil.example now ".repeat(8)}END`;
    await follow({
      kind: "filter",
      target: new URLSearchParams({ q: search, related: "no" }).toString(),
      frequency: "daily",
      locale: "es",
      email,
      ip,
    });
    const [mail] = await waitForMailTo(email, 1);
    const quoted = /“([^”]*)”/.exec(mail!.subject ?? "")?.[1];
    expect(quoted).toBe(`${[...search].slice(0, 39).join("").trimEnd()}…`);
    expect([...quoted!].length).toBeLessThanOrEqual(40);
    expect(`${mail!.subject} ${mail!.text}`).not.toContain("END");
    expect(mail!.subject).toContain("Sin recomendaciones relacionadas");
    expect(mail!.subject).not.toMatch(/: no\b/);
  });

  test("requests at once for a new address make one follower and one follow", async () => {
    const { email, ip } = fresh();
    const input = { kind: "item", target: ITEM, frequency: "daily", locale: "en", email, ip };
    const results = await Promise.all(Array.from({ length: 4 }, () => follow(input)));
    expect(results).toEqual(Array.from({ length: 4 }, () => ({ outcome: "check-inbox", email })));
    const followers = await prisma.follower.findMany({
      where: { email },
      include: { follows: true },
    });
    expect(followers).toHaveLength(1);
    expect(followers[0]!.follows).toHaveLength(1);
  });

  test("a stranger cannot change a confirmed address's choices", async () => {
    const { email, ip } = fresh();
    const base = { kind: "item", target: ITEM, email, ip };
    await follow({ ...base, frequency: "daily", locale: "en" });
    const token = linkToken((await waitForMailTo(email, 1))[0]!.text ?? "", "follow/confirm")!;
    const followerId = (await confirm(token))!;
    await follow({ ...base, frequency: "weekly", locale: "es" });
    const follower = await prisma.follower.findUniqueOrThrow({
      where: { id: followerId },
      include: { follows: true },
    });
    expect(follower.locale).toBe("en");
    expect(follower.follows[0]?.frequency).toBe("daily");
  });

  test("at most 5 messages an hour go to one address, and 10 from one client address", async () => {
    const { email, ip } = fresh();
    const input = { kind: "item", target: ITEM, frequency: "daily", locale: "en", email, ip };
    for (let i = 0; i < 5; i += 1) {
      expect((await follow(input)).outcome).toBe("check-inbox");
    }
    const refused = await follow(input);
    expect(refused.outcome).toBe("rate-limited");
    expect(refused.outcome === "rate-limited" && refused.retryAfter).toBeGreaterThan(60);
    await waitForMailTo(email, 5);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mailTo(email)).toHaveLength(5);

    // The same client with many addresses.
    const client = fresh().ip;
    const outcomes: string[] = [];
    for (let i = 0; i < 11; i += 1) {
      outcomes.push(
        (await follow({ ...input, email: `${i}-${fresh().email}`, ip: client })).outcome,
      );
    }
    expect(outcomes.filter((outcome) => outcome === "check-inbox")).toHaveLength(10);
    expect(outcomes.at(-1)).toBe("rate-limited");
  });
});

describe("a signed-in person follows with their account", () => {
  test("follows at once, confirmed, with no mail", async () => {
    const user = await createUser({ role: "editor" });
    const before = sink.messages.length;
    const result = await follow({
      kind: "filter",
      target: "source=gao-21-322&status=in_progress&sort=newest&asOf=2025-01-01",
      frequency: "weekly",
      locale: "en",
      email: "someone-else@example.org",
      user,
      ip: "198.51.100.7",
    });
    expect(result).toEqual({ outcome: "following" });
    const follower = await prisma.follower.findUniqueOrThrow({
      where: { userId: user.id },
      include: { follows: true },
    });
    expect(follower.email).toBe(user.email);
    expect(follower.confirmedAt).not.toBeNull();
    // Only the list's filters, codes as stored, in parseFilters' order.
    expect(follower.follows).toMatchObject([
      { kind: "filter", target: "source=GAO-21-322&status=in_progress", frequency: "weekly" },
    ]);
    const view = await followsOf(follower.id, "en");
    expect(view?.follows[0]?.label).toBe(
      `Source: GAO-21-322 – ${(await prisma.source.findUniqueOrThrow({ where: { code: "GAO-21-322" } })).title} · Status: In progress`,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sink.messages.length).toBe(before);
  });
});

describe("a signed-in person following twice at once", () => {
  test("makes one follower and one follow, and both requests succeed", async () => {
    const user = await createUser({ role: "viewer" });
    const input = { kind: "goal", target: "1", frequency: "daily", locale: "en", user, ip: "x" };
    const results = await Promise.all(Array.from({ length: 4 }, () => follow(input)));
    expect(results).toEqual(Array.from({ length: 4 }, () => ({ outcome: "following" })));
    const followers = await prisma.follower.findMany({
      where: { userId: user.id },
      include: { follows: true },
    });
    expect(followers).toHaveLength(1);
    expect(followers[0]!.follows).toHaveLength(1);
  });
});

describe("a signed-in person and their address's follower", () => {
  test("taking over the address confirms it, not what strangers asked for it", async () => {
    const user = await createUser({ role: "viewer" });
    await follow({
      kind: "actor",
      target: "ATF",
      frequency: "daily",
      locale: "en",
      email: user.email,
      ip: fresh().ip,
    });
    await waitForMailTo(user.email.toLowerCase(), 1);
    await follow({
      kind: "goal",
      target: "1",
      frequency: "weekly",
      locale: "en",
      user,
      ip: fresh().ip,
    });
    const follower = await prisma.follower.findUniqueOrThrow({ where: { userId: user.id } });
    expect(follower.confirmedAt).not.toBeNull();
    expect((await followsOf(follower.id, "en"))!.follows.map((row) => row.kind)).toEqual(["goal"]);
    const stranger = await prisma.follow.findFirstOrThrow({
      where: { followerId: follower.id, kind: "actor" },
    });
    expect(stranger.confirmedAt).toBeNull();
    // Asking for it themself makes it count.
    await follow({
      kind: "actor",
      target: "atf",
      frequency: "daily",
      locale: "en",
      user,
      ip: fresh().ip,
    });
    expect((await followsOf(follower.id, "en"))!.follows.map((row) => row.kind)).toEqual([
      "actor",
      "goal",
    ]);
  });
});

describe("what can be followed", () => {
  test("each kind by what names it; a list of one source, goal or actor is that", async () => {
    expect(await resolveTarget("item", ITEM)).toEqual({ kind: "item", target: ITEM });
    expect(await resolveTarget("goal", "1")).toEqual({ kind: "goal", target: "1" });
    expect(await resolveTarget("filter", "actor=atf")).toEqual({ kind: "actor", target: "ATF" });
    expect(await resolveTarget("filter", "country=MX")).toEqual({
      kind: "filter",
      target: "country=MX",
    });
  });

  test("unknown targets, empty lists and bad fields are refused by name, writing nothing", async () => {
    const { email, ip } = fresh();
    const good = { kind: "item", target: ITEM, frequency: "daily", locale: "en", email, ip };
    const refusals: Array<[Record<string, unknown>, string, string]> = [
      [{ target: "no-such-item" }, "target", "follow.errors.target"],
      // NUL, which PostgreSQL refuses in text, never reaches a query.
      [{ target: "gao\u0000" }, "target", "follow.errors.target"],
      [{ kind: "source", target: "GAO-21-322\u0000" }, "target", "follow.errors.target"],
      [{ kind: "source", target: "NOPE-1" }, "target", "follow.errors.target"],
      [{ kind: "filter", target: "" }, "target", "follow.errors.emptyFilter"],
      [{ kind: "filter", target: "sort=newest" }, "target", "follow.errors.emptyFilter"],
      [{ kind: "filter", target: "status=nonsense" }, "target", "follow.errors.target"],
      [{ kind: "filter", target: "tag=no-such-tag" }, "target", "follow.errors.target"],
      [{ kind: "everything" }, "kind", "follow.errors.kind"],
      [{ frequency: "hourly" }, "frequency", "follow.errors.frequency"],
      [{ locale: "fr" }, "locale", "follow.errors.locale"],
      [{ email: "not an address" }, "email", "follow.errors.email"],
      [{ email: undefined }, "email", "follow.errors.email"],
    ];
    for (const [change, field, message] of refusals) {
      const errors = await validationErrorOf(follow({ ...good, ...change }));
      expect(errors[field], JSON.stringify(change)).toEqual([message]);
    }
    expect(await prisma.follower.findUnique({ where: { email } })).toBeNull();
  });
});

describe("managing and ending", () => {
  async function confirmedFollower() {
    const { email, ip } = fresh();
    const base = { frequency: "daily", locale: "en", email, ip };
    await follow({ ...base, kind: "item", target: ITEM });
    const token = linkToken((await waitForMailTo(email, 1))[0]!.text ?? "", "follow/confirm")!;
    const followerId = (await confirm(token))!;
    await follow({ ...base, kind: "goal", target: "1" });
    await confirm(linkToken((await waitForMailTo(email, 2))[1]!.text ?? "", "follow/confirm")!);
    return followerId;
  }

  test("frequency, language and one follow change for their follower only", async () => {
    const followerId = await confirmedFollower();
    const other = await confirmedFollower();
    const [item, goal] = (await followsOf(followerId, "en"))!.follows;
    const othersFollow = (await followsOf(other, "en"))!.follows[0]!;

    expect(await changeFrequency(followerId, item!.id, "weekly")).toBe(true);
    expect(await changeFrequency(followerId, othersFollow.id, "weekly")).toBe(false);
    expect(await validationErrorOf(changeFrequency(followerId, item!.id, "yearly"))).toEqual({
      frequency: ["follow.errors.frequency"],
    });
    await changeLocale(followerId, "es");
    expect(await validationErrorOf(changeLocale(followerId, "de"))).toEqual({
      locale: ["follow.errors.locale"],
    });
    expect(await unfollow(followerId, othersFollow.id)).toBe(false);
    expect(await unfollow(followerId, goal!.id)).toBe(true);

    const view = (await followsOf(followerId, "es"))!;
    expect(view.locale).toBe("es");
    expect(view.follows.map((row) => [row.kind, row.frequency])).toEqual([["item", "weekly"]]);
    expect((await followsOf(other, "en"))!.follows).toHaveLength(2);
    expect(await auditActions(item!.id)).toEqual([
      "follow.followed",
      "follow.confirmed",
      "follow.frequency_changed",
    ]);
    expect(await auditActions(goal!.id)).toEqual([
      "follow.followed",
      "follow.confirmed",
      "follow.unfollowed",
    ]);
  });

  test("unsubscribing removes every follow and the confirmation links still out", async () => {
    const followerId = await confirmedFollower();
    const { createFollowerToken } = await import("./tokens.server.ts");
    const pending = await createFollowerToken(followerId, "confirm");
    const manage = await createFollowerToken(followerId, "manage");
    expect(await unsubscribeAll(followerId)).toBe(2);
    expect(await prisma.follow.count({ where: { followerId } })).toBe(0);
    expect(await followerOfToken(pending, "confirm")).toBeNull();
    // The manage link still opens the (now empty) page.
    expect(await followerOfToken(manage, "manage")).toMatchObject({ followerId });
    expect(await auditActions(followerId)).toContain("follower.unsubscribed");
  });
});

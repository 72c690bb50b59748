import { RouterContextProvider } from "react-router";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { userContext } from "#app/modules/auth/auth.server.ts";
import { cached, clearCache, shelfLimits, shelfUsage } from "./cache.server.ts";
import { pageAddress, pageCacheMiddleware } from "./page-cache.server.ts";
import { nonceContext } from "./security.server.ts";
import { setTimeZone, timeZone } from "./dates.ts";
import { prisma } from "./db.server.ts";

beforeEach(() => clearCache());

type Next = () => Promise<Response>;

function call(
  url: string,
  next: Next,
  options: { nonce?: string; user?: { id: string; name: string }; signal?: AbortSignal } = {},
) {
  const context = new RouterContextProvider();
  context.set(nonceContext, options.nonce ?? "n1");
  if (options.user) {
    context.set(userContext, { ...options.user, role: "editor", email: "e@example.org" } as never);
  }
  const request = new Request(`http://localhost${url}`, { signal: options.signal });
  return pageCacheMiddleware(
    { request, context, params: {}, unstable_pattern: "" } as never,
    next,
  ) as Promise<Response>;
}

function page(nonce: string, text: string, status = 200): Next {
  return async () =>
    new Response(`<script nonce="${nonce}">${text}</script>`, {
      status,
      headers: { "Content-Type": "text/html; charset=utf-8" },
    });
}

describe("pageCacheMiddleware", () => {
  test("a page is rendered once and served again with each request's own nonce", async () => {
    let renders = 0;
    const render: Next = async () => {
      renders += 1;
      return page("n1", "hello")();
    };
    const first = await call("/recommendations", render, { nonce: "n1" });
    const second = await call("/recommendations", render, { nonce: "n2" });
    expect(await first.text()).toBe('<script nonce="n1">hello</script>');
    expect(await second.text()).toBe('<script nonce="n2">hello</script>');
    expect(renders).toBe(1);
  });

  test("readers and addresses never share a page", async () => {
    await call("/recommendations", page("n1", "anonymous"));
    const mine = await call("/recommendations", page("n1", "editor's"), {
      user: { id: "u1", name: "Edu" },
    });
    const other = await call("/recommendations?page=2", page("n1", "page two"));
    expect(await mine.text()).toContain("editor's");
    expect(await other.text()).toContain("page two");
  });

  test("a page kept before the tracker's midnight is not served after it, within one UTC hour", async () => {
    const zone = timeZone();
    setTimeZone("Asia/Kolkata");
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      // 23:50 and 00:10 in India (UTC+5:30): one UTC hour, two of the tracker's days.
      vi.setSystemTime(new Date("2026-03-31T18:20:00Z"));
      await call("/recommendations", page("n1", "31 March"));
      vi.setSystemTime(new Date("2026-03-31T18:40:00Z"));
      const after = await call("/recommendations", page("n1", "1 April"));
      expect(await after.text()).toContain("1 April");
    } finally {
      vi.useRealTimers();
      setTimeZone(zone);
    }
  });

  test("errors and abandoned requests are not kept: the next request renders again", async () => {
    const failed = await call("/changes", page("n1", "broken", 500));
    expect(failed.status).toBe(500);
    const aborted = new AbortController();
    aborted.abort();
    await call("/changes", page("n1", "cut short"), { signal: aborted.signal });
    const fine = await call("/changes", page("n1", "whole"));
    expect(await fine.text()).toContain("whole");
    expect(await (await call("/changes", page("n1", "again"))).text()).toContain("whole");
  });

  test("other pages and other methods pass through", async () => {
    let renders = 0;
    const render: Next = async () => {
      renders += 1;
      return page("n1", "admin")();
    };
    await call("/admin/users", render);
    await call("/admin/users", render);
    expect(renders).toBe(2);
  });
});

describe("the page's address", () => {
  const address = (url: string) => pageAddress(new URL(`http://localhost${url}`));

  test("unknown parameters, empty ones and defaults are dropped; order does not matter", () => {
    const canonical = address("/recommendations?source=GAO-21-322&status=stalled");
    expect(canonical).toEqual({ shelf: "page:list", search: "?source=GAO-21-322&status=stalled" });
    for (const spelling of [
      "/recommendations?status=stalled&source=GAO-21-322",
      "/recommendations?x=1&source=GAO-21-322&status=stalled&utm_source=mail",
      "/recommendations?q=&source=GAO-21-322&goal=&status=stalled&page=1&sort=catalogue",
    ]) {
      expect(address(spelling), spelling).toEqual(canonical);
    }
    // What the page reads still tells pages apart.
    expect(address("/recommendations?source=GAO-21-322&status=stalled&page=2")).not.toEqual(
      canonical,
    );
    expect(address("/?x=1")).toEqual({ shelf: "page:dashboard", search: "" });
    expect(address("/recommendations/abc?timeline=all&y=2")).toEqual({
      shelf: "page:item",
      search: "?timeline=all",
    });
    expect(address("/admin/users")).toBeNull();
  });

  test("a crawler's ?x=1…120 is one page: rendered once, nothing else pushed out", async () => {
    let renders = 0;
    const render: Next = async () => {
      renders += 1;
      return page("n1", "the list")();
    };
    await call("/recommendations", render);
    for (let n = 1; n <= 120; n++) {
      const response = await call(`/recommendations?x=${n}`, render);
      expect(await response.text()).toContain("the list");
    }
    expect(renders).toBe(1);
    expect(shelfUsage("page:list").entries).toBe(1);
  });

  test("a page rendered for a stray spelling is not kept, so its parameters reach nobody", async () => {
    const first = await call("/changes?secret=abc", page("n1", "for ?secret=abc"));
    expect(await first.text()).toContain("secret=abc");
    const second = await call("/changes", page("n1", "plain"));
    expect(await second.text()).toContain("plain");
  });
});

describe("shelves bounded in bytes", () => {
  const limits = { ...shelfLimits };
  afterEach(() => Object.assign(shelfLimits, limits));

  test("a shelf keeps at most its bytes (UTF-8), the least recently used going first", async () => {
    shelfLimits["page:list"] = 4200;
    // About 1,000 characters, 2,000 bytes in UTF-8 each: two fit, a third pushes out the oldest.
    const big = (n: number) => page("n1", `${n}${"é".repeat(999)}`);
    await call("/recommendations?page=2", big(2));
    await call("/recommendations?page=3", big(3));
    expect(shelfUsage("page:list").entries).toBe(2);
    await call("/recommendations?page=2", big(99)); // used again: now the newest
    await call("/recommendations?page=4", big(4));
    const usage = shelfUsage("page:list");
    expect(usage.entries).toBe(2);
    expect(usage.bytes).toBeLessThanOrEqual(4200);
    expect(usage.bytes).toBeGreaterThan(3000);
    expect(await (await call("/recommendations?page=2", big(98))).text()).toContain("2é");
    expect(await (await call("/recommendations?page=3", big(97))).text()).toContain("97");
  });

  test("500 searches cannot push out the dashboard, its page or its aggregates", async () => {
    shelfLimits["page:list"] = 20_000;
    shelfLimits["data:list"] = 2_000;
    await call("/", page("n1", "the dashboard"));
    await cached("dashboard?", async () => ({ counts: [1, 2, 3] }), "data:dashboard");
    for (let n = 1; n <= 500; n++) {
      await call(`/recommendations?q=word${n}`, page("n1", `results for word${n}`));
      await cached(`list-count?q=${n}`, async () => n, "data:list");
    }
    expect(shelfUsage("page:list").bytes).toBeLessThanOrEqual(20_000);
    expect(shelfUsage("data:list").bytes).toBeLessThanOrEqual(2_000);
    expect(await (await call("/", page("n1", "rendered again"))).text()).toContain("the dashboard");
    let computed = false;
    await cached(
      "dashboard?",
      async () => {
        computed = true;
        return {};
      },
      "data:dashboard",
    );
    expect(computed).toBe(false);
  });
});

describe("an item's page", () => {
  const A = "/recommendations/bf-goal-1";
  const B = "/recommendations/gao-16-223-ondcp-indicators";

  test("is kept across changes to other items, and rendered again after its own or the catalogue's", async () => {
    let renders = 0;
    const render: Next = async () => {
      renders += 1;
      return page("n1", `render ${renders}`)();
    };
    await call(B, render);
    await call(`${B}.data`, render);
    expect(renders).toBe(2);
    // Another item's status changes: the overview and lists are stale, this page is not.
    await prisma.recommendation.update({
      where: { id: "bf-goal-1" },
      data: { status: "stalled", statusNote: "moved" },
    });
    expect(await (await call(B, render)).text()).toContain("render 1");
    expect(await (await call(`${B}.data`, render)).text()).toContain("render 2");
    expect(await (await call(A, render)).text()).toContain("render 3");
    // Its own evidence, then a source's new name (shown on every item's page).
    await prisma.evidence.create({
      data: {
        recommendationId: "gao-16-223-ondcp-indicators",
        kind: "link",
        title: "A report",
        url: "https://example.org/r",
      },
    });
    expect(await (await call(B, render)).text()).toContain("render 4");
    expect(await (await call(A, render)).text()).toContain("render 3");
    await prisma.source.updateMany({ where: { id: "src-gao-16-223" }, data: { titleEs: "Otro" } });
    expect(await (await call(A, render)).text()).toContain("render 5");
    expect(await (await call(B, render)).text()).toContain("render 6");
  });

  test("an address that names no item is rendered each time, never kept", async () => {
    let renders = 0;
    const missing: Next = async () => {
      renders += 1;
      return page("n1", "not here")();
    };
    await call("/recommendations/no-such-item", missing);
    await call("/recommendations/no-such-item", missing);
    await call("/recommendations/%E0%A4%A", missing);
    expect(renders).toBe(3);
  });
});

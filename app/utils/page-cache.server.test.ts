import { RouterContextProvider } from "react-router";
import { beforeEach, describe, expect, test } from "vitest";
import { userContext } from "#app/modules/auth/auth.server.ts";
import { clearCache } from "./cache.server.ts";
import { pageCacheMiddleware } from "./page-cache.server.ts";
import { nonceContext } from "./security.server.ts";

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

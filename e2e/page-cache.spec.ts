import { request as playwrightRequest } from "@playwright/test";
import { baseURL } from "../playwright.config.ts";
import { expect, test } from "./fixtures.ts";
import { roleUsers, storageStatePath } from "./users.ts";
import { currentDay } from "../app/utils/dates.ts";

// Kept pages (app/utils/page-cache.server.ts) must never be older than the last change, never
// another reader's, and never reuse a script nonce.

const ITEM = "/recommendations/gao-16-223-ondcp-indicators";

function nonces(html: string) {
  return [...html.matchAll(/nonce="([^"]+)"/g)].map((match) => match[1]);
}

test("each answer has its own nonce, the same in its policy and its scripts", async ({
  request,
}) => {
  const first = await request.get("/recommendations?source=GAO-16-235");
  const second = await request.get("/recommendations?source=GAO-16-235");
  const seen = [];
  for (const response of [first, second]) {
    expect(response.status()).toBe(200);
    const policy = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "");
    const inPage = nonces(await response.text());
    expect(inPage.length).toBeGreaterThan(0);
    expect(new Set(inPage)).toEqual(new Set([policy?.[1]]));
    seen.push(policy?.[1]);
  }
  expect(seen[0]).not.toBe(seen[1]);
});

test("a change shows at once on pages read before it, and no reader gets another's page", async ({
  request,
}) => {
  // Read (and so keep) the item page and the list as a visitor.
  const before = await (await request.get(ITEM)).text();
  expect(before).toContain("Not started");
  await request.get("/recommendations?source=GAO-16-223");

  const editor = await playwrightRequest.newContext({
    baseURL,
    storageState: storageStatePath("editor"),
  });
  const page = await (await editor.get(ITEM)).text();
  expect(page).toContain(`Logged in as ${roleUsers.editor.name}`);
  const version = /name="expectedVersion" value="(\d+)"/.exec(page)?.[1];
  const saved = await editor.post(ITEM, {
    multipart: {
      intent: "status",
      expectedVersion: version ?? "",
      toStatus: "stalled",
      summary: "ONDCP paused its work on the indicators.",
      occurredOn: currentDay(),
    },
    headers: { Origin: baseURL },
    maxRedirects: 0,
  });
  expect(saved.status()).toBe(302);

  const after = await (await request.get(ITEM)).text();
  expect(after).toContain("ONDCP paused its work on the indicators.");
  expect(after).not.toContain(roleUsers.editor.name);
  const list = await (await request.get("/recommendations?source=GAO-16-223")).text();
  expect(list).toContain("Stalled");

  // Another account asking for the same address gets its own page.
  const viewer = await playwrightRequest.newContext({
    baseURL,
    storageState: storageStatePath("viewer"),
  });
  const theirs = await (await viewer.get(ITEM)).text();
  expect(theirs).toContain(`Logged in as ${roleUsers.viewer.name}`);
  expect(theirs).not.toContain(`Logged in as ${roleUsers.editor.name}`);
  await editor.dispose();
  await viewer.dispose();
});

// The Atom feed of changes parses as XML in a real browser and carries the elements Atom 1.0
// requires, and the what-changed page announces it in its <head>. Runs in the catalogue-admin
// project (playwright.config.ts), after the specs that record changes: the whole tracker's feed
// then has entries to check.
import { expect, expectAccessible, test } from "./fixtures.ts";

const ATOM = "http://www.w3.org/2005/Atom";

test("the feed is valid Atom and the changes page links a source's", async ({ page, request }) => {
  const response = await request.get("/changes.atom?lang=es");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
  expect(response.headers()["etag"]).toBeTruthy();
  const xml = await response.text();

  await page.goto("/changes?source=GAO-21-322");
  const alternate = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
  await expect(alternate).toHaveAttribute("href", "/changes.atom?source=GAO-21-322");
  await expect(page.getByTestId("feed-link")).toHaveAttribute(
    "href",
    "/changes.atom?source=GAO-21-322",
  );
  await expectAccessible(page);

  const read = await page.evaluate(
    ({ text, ns }) => {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      const root = doc.documentElement;
      const child = (parent: Element, name: string) =>
        Array.from(parent.children).find((el) => el.namespaceURI === ns && el.localName === name);
      return {
        parseErrors: doc.getElementsByTagName("parsererror").length,
        root: { name: root.localName, ns: root.namespaceURI },
        feed: ["id", "title", "updated"].filter((name) => child(root, name)?.textContent),
        entries: Array.from(root.children)
          .filter((el) => el.localName === "entry")
          .map((entry) =>
            ["id", "title", "updated", "link"].filter((name) => child(entry, name) !== undefined),
          ),
        link: child(root, "link")?.getAttribute("href") ?? "",
      };
    },
    { text: xml, ns: ATOM },
  );
  expect(read.parseErrors).toBe(0);
  expect(read.root).toEqual({ name: "feed", ns: ATOM });
  expect(read.feed).toEqual(["id", "title", "updated"]);
  expect(read.entries.length).toBeGreaterThan(0);
  for (const entry of read.entries) expect(entry).toEqual(["id", "title", "updated", "link"]);
  expect(read.link).toMatch(/^http:\/\/localhost:\d+\/changes$/);

  // An item's page announces the feed of that item alone.
  await page.goto("/recommendations/gao-21-322-atf-data");
  await expect(alternate).toHaveAttribute("href", "/changes.atom?item=gao-21-322-atf-data");
  await expect(page.getByTestId("feed-link")).toHaveText("Atom feed");
});

import { expect, test } from "./fixtures.ts";
import { roleUsers, storageStatePath } from "./users.ts";
import { currentDay } from "../app/utils/dates.ts";

// The four status-report exports, as a browser and a script fetch them. Their content is
// checked against the database in app/modules/reports/*.test.ts; here: the real server's
// answers, headers and redirects.
// Today in the tracker's zone (TIME_ZONE: the default, America/Mexico_City, here as on the server).
const today = currentDay();
const query = "source=GAO-21-322";

const formats = [
  { format: "csv", type: "text/csv; charset=utf-8", magic: [0xef, 0xbb, 0xbf] },
  { format: "json", type: "application/json; charset=utf-8", magic: [0x7b] },
  {
    format: "xlsx",
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    magic: [0x50, 0x4b],
  },
  { format: "pdf", type: "application/pdf", magic: [0x25, 0x50, 0x44, 0x46] },
] as const;

test.describe("status report exports", () => {
  for (const { format, type, magic } of formats) {
    test(`anyone downloads the ${format.toUpperCase()} of a filtered set`, async ({ request }) => {
      const response = await request.get(`/reports/export.${format}?${query}`);
      expect(response.status()).toBe(200);
      const headers = response.headers();
      expect(headers["content-type"]).toBe(type);
      const name = `status-report_${today}_GAO-21-322.${format}`;
      expect(headers["content-disposition"]).toBe(
        `attachment; filename="${name}"; filename*=UTF-8''${name}`,
      );
      expect(headers["cache-control"]).toBe("private, no-store");
      // The server sets it on every response and the route again: a repeated value reads the same.
      expect(headers["x-content-type-options"]?.split(/,\s*/)).toContain("nosniff");
      const body = await response.body();
      expect([...body.subarray(0, magic.length)]).toEqual(magic);
    });
  }

  test("a bad parameter sends the reader to the reports page with the query kept", async ({
    request,
  }) => {
    for (const { format } of formats) {
      const bad = `${query}&status=finished&asOf=2026-02-30`;
      const response = await request.get(`/reports/export.${format}?${bad}`, { maxRedirects: 0 });
      expect(response.status()).toBe(303);
      expect(response.headers()["location"]).toBe(`/reports?${bad}`);
    }
  });

  test("a browser saves the PDF under its name", async ({ page }) => {
    await page.goto("/recommendations?source=GAO-21-322");
    const download = page.waitForEvent("download");
    await page.evaluate((href) => {
      const link = document.createElement("a");
      link.href = href;
      document.body.append(link);
      link.click();
    }, `/reports/export.pdf?${query}&lang=es&asOf=2025-06-30`);
    expect((await download).suggestedFilename()).toBe(
      "informe-de-estado_2025-06-30_GAO-21-322.pdf",
    );
  });

  test("the JSON says who it was made for: public for anonymous readers", async ({ request }) => {
    const report = (await (await request.get(`/reports/export.json?${query}`)).json()) as {
      audience: string;
      items: unknown[];
    };
    expect(report.audience).toBe("public");
    expect(report.items).toHaveLength(7);
    const schema = await request.get("/reports/schema.json");
    expect(schema.headers()["content-type"]).toMatch(/^application\/schema\+json/);
  });
});

test.describe("status report exports for staff", () => {
  test.use({ storageState: storageStatePath("viewer") });

  test("a logged-in reader gets the staff report, without email addresses", async ({ page }) => {
    const response = await page.request.get(`/reports/export.json?${query}`);
    expect(response.status()).toBe(200);
    const text = await response.text();
    expect((JSON.parse(text) as { audience: string }).audience).toBe("staff");
    expect(text).not.toContain(roleUsers.viewer.email);
    expect(text).not.toContain("@e2e.test");
  });
});

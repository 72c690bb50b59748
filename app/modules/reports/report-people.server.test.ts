// Public exports name who recorded a change as the item page does: the role, or a display name
// an admin gave, or the person's own name once they chose so; staff exports the name. Never an
// id or an email.
import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import {
  SOURCE,
  STAFF_EMAIL,
  STAFF_NAME,
  exportText,
  exportThrough,
  withExportFixture,
} from "./test-fixtures.server.ts";

const fixture = withExportFixture();
const formats = ["csv", "json", "xlsx", "pdf"] as const;

async function publicTexts(language = "en") {
  const texts: Record<string, string> = {};
  for (const format of formats) {
    const response = await exportThrough(format, `source=${SOURCE}&lang=${language}`);
    expect(response.status, format).toBe(200);
    texts[format] = await exportText(format, response);
  }
  return texts;
}

async function recorder() {
  return prisma.user.findFirstOrThrow({ where: { name: STAFF_NAME } });
}

describe("who recorded a change, in public exports", () => {
  test("by role by default, in the report's language; never a name, id or email", async () => {
    const user = await recorder();
    const texts = await publicTexts("es");
    expect(texts.json).toContain('"recordedBy":"Edición"');
    expect(texts.xlsx).toContain("Edición");
    for (const format of formats) {
      expect(texts[format], format).not.toContain(STAFF_NAME);
      expect(texts[format], format).not.toContain(STAFF_EMAIL);
      expect(texts[format], format).not.toContain(user.id);
    }
  });

  test("by the display name an admin gave, then by name once the person chose so", async () => {
    const user = await recorder();
    await prisma.user.update({ where: { id: user.id }, data: { publicName: "Secretariat" } });
    let texts = await publicTexts();
    expect(texts.json).toContain('"recordedBy":"Secretariat"');
    expect(texts.pdf).toContain("Secretariat");
    expect(texts.xlsx).toContain("Secretariat");
    expect(texts.json).not.toContain(STAFF_NAME);

    await prisma.user.update({ where: { id: user.id }, data: { showNamePublicly: true } });
    texts = await publicTexts();
    expect(texts.json).toContain(`"recordedBy":"${STAFF_NAME}"`);
    expect(texts.json).not.toContain(user.id);
    expect(texts.json).not.toContain(STAFF_EMAIL);
  });

  test("staff exports keep the name", async () => {
    const response = await exportThrough("json", `source=${SOURCE}`, fixture.staff);
    expect(await exportText("json", response)).toContain(STAFF_NAME);
  });
});

import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures.ts";

// What the browser downloads must hold no server code or secrets.
test("the client bundle holds no server-only code or secrets", () => {
  const dir = path.join("build", "client", "assets");
  const files = fs.readdirSync(dir).filter((file) => file.endsWith(".js"));
  expect(files.length).toBeGreaterThan(0);
  const forbidden = [
    /DATABASE_URL/,
    /ADMIN_PASSWORD/,
    /argon2/i,
    /passwordHash/,
    /postgresql:\/\//,
    /PrismaClient/,
    /tokenHash/,
  ];
  const found: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    for (const pattern of forbidden) if (pattern.test(text)) found.push(`${file}: ${pattern}`);
  }
  expect(found).toEqual([]);
});

// The mail the e2e server sent: scripts/e2e-server.js keeps each message as <dataDir>/mail/<n>.eml.
import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { simpleParser, type ParsedMail } from "mailparser";
import { e2eDataDir } from "../playwright.config.ts";

const mailDir = path.join(e2eDataDir, "mail");

async function allMail(): Promise<ParsedMail[]> {
  const names = fs.existsSync(mailDir)
    ? fs
        .readdirSync(mailDir)
        .filter((name) => name.endsWith(".eml"))
        .sort()
    : [];
  return Promise.all(names.map((name) => simpleParser(fs.readFileSync(path.join(mailDir, name)))));
}

function recipients(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((address) => address.value.map((one) => one.address?.toLowerCase() ?? ""));
}

/** Every message sent to `address` so far, oldest first. */
export async function mailTo(address: string): Promise<ParsedMail[]> {
  return (await allMail()).filter((mail) => recipients(mail).includes(address.toLowerCase()));
}

/** Waits (up to 15 s) for the `count`-th message to `address` and returns it. */
export async function waitForMail(address: string, count = 1): Promise<ParsedMail> {
  let found: ParsedMail[] = [];
  await expect
    .poll(
      async () => {
        found = await mailTo(address);
        return found.length;
      },
      { timeout: 15_000, message: `mail number ${count} to ${address}` },
    )
    .toBeGreaterThanOrEqual(count);
  return found[count - 1]!;
}

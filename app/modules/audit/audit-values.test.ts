import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { translator, type Locale } from "#app/utils/i18n.ts";
import {
  auditActionLabel,
  auditActorLabel,
  auditChanges,
  auditEntityTypeLabel,
  changeText,
  formatAuditValue,
  partsText,
  refKey,
  type AuditRefs,
} from "./audit-values.ts";

const refs: AuditRefs = {
  [refKey("Recommendation", "gao-21-322-3")]: {
    label: "GAO-21-322 #3",
    href: "/recommendations/gao-21-322-3",
  },
  [refKey("Evidence", "ev1")]: { label: "Letter from ATF", href: "/recommendations/x#evidence" },
  [refKey("User", "u1")]: { label: "Ana Admin", href: null },
};

const context = (locale: Locale) => ({ t: translator(locale), locale, refs });
const text = (locale: Locale, entityType: string, field: string, value: unknown) =>
  partsText(formatAuditValue(context(locale), entityType, field, value));

describe("formatAuditValue", () => {
  test("values from fixed lists read as their labels, in English and Spanish", () => {
    const cases: Array<[string, string, unknown, string, string]> = [
      ["Note", "visibility", "public", "Public", "Pública"],
      ["Note", "visibility", "internal", "Internal (staff only)", "Interna (solo personal)"],
      ["Source", "kind", "gao_report", "GAO report", "Informe de la GAO"],
      ["Evidence", "kind", "file", "File", "Archivo"],
      ["Recommendation", "status", "in_progress", "In progress", "En curso"],
      ["Recommendation", "statusOfficial", "closed_implemented", "Closed – implemented", ""],
      ["Recommendation", "country", "MX", "Mexico", "México"],
      ["Recommendation", "priority", "high", "High", "Alta"],
      ["User", "role", "editor", "Editor", "Edición"],
      ["Recommendation", "verificationLevel", "brief_only", "Unverified (from a brief)", ""],
      ["Goal", "level", "cooperation_area", "Cooperation area", ""],
      ["Recommendation", "titleEsSource", "translation", "Spanish title translated", ""],
      ["Recommendation", "goalMapping", "editorial", "Linked to the Framework goal", ""],
      ["User", "locale", "es", "Spanish", "Español"],
      ["User", "locale", null, "As chosen in the header", "Según lo elegido"],
      ["Recommendation", "verified", true, "Yes", "Sí"],
      ["User", "disabled", false, "No", "No"],
    ];
    for (const [entity, field, value, english, spanish] of cases) {
      expect(text("en", entity, field, value), `${field}=${String(value)}`).toContain(english);
      const es = text("es", entity, field, value);
      expect(es, `${field}=${String(value)} (es)`).not.toBe(String(value));
      if (spanish) expect(es, `${field}=${String(value)} (es)`).toContain(spanish);
    }
  });

  test("dates and moments are written for the reader, never as ISO text", () => {
    expect(text("en", "Recommendation", "dueDate", "2026-03-05")).toBe("March 5, 2026");
    expect(text("es", "Recommendation", "dueDate", "2026-03-05")).toBe("5 de marzo de 2026");
    expect(text("en", "Source", "publishedDate", "2021-10")).toBe("October 2021");
    expect(text("es", "Source", "publishedDate", "2021-10")).toBe("octubre de 2021");
    expect(text("en", "Invite", "expiresAt", "2026-12-08T06:05:00.000Z")).toBe(
      "Dec 8, 2026, 12:05 AM CST", // the tracker's zone, America/Mexico_City
    );
    const spanish = text("es", "Evidence", "archivedAt", "2026-12-08T16:05:00.000Z");
    expect(spanish).toMatch(/^8 dic 2026.*10:05 GMT-6$/);
    expect(spanish).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  test("ids become the record's name or reference, linked; unknown ones a label, id in a title", () => {
    expect(formatAuditValue(context("en"), "Note", "recommendationId", "gao-21-322-3")).toEqual([
      { text: "GAO-21-322 #3", href: "/recommendations/gao-21-322-3" },
    ]);
    expect(text("es", "Recommendation", "evidenceIds", ["ev1", "gone"])).toBe(
      "Letter from ATF, una evidencia",
    );
    expect(formatAuditValue(context("en"), "Recommendation", "evidenceIds", ["gone"])).toEqual([
      { text: "an evidence item", title: "gone" },
    ]);
    expect(text("en", "Recommendation", "createdById", "u1")).toBe("Ana Admin");
  });

  test("numbers, sizes, file types and checksums for people; long text cut", () => {
    expect(text("en", "Catalogue", "recommendations", 1234)).toBe("1,234");
    expect(text("es", "Catalogue", "recommendations", 12345)).toBe("12.345");
    expect(text("en", "Evidence", "sizeBytes", 2_621_440)).toBe("2.5 MB");
    expect(text("es", "Evidence", "sizeBytes", 1536)).toBe("1,5 kB");
    expect(text("en", "Evidence", "mimeType", "application/pdf")).toBe("PDF");
    expect(text("en", "Evidence", "sha256", "a".repeat(64))).toBe("aaaaaaaaaaaa…");
    expect(text("es", "Note", "body", "x".repeat(300))).toBe(`${"x".repeat(200)}… (y más)`);
    expect(text("es", "Tag", "nameEs", "")).toBe("(vacío)");
  });
});

describe("auditChanges", () => {
  test("a change reads field: before → after, labels and values translated", () => {
    const event = {
      entityType: "Note",
      before: { visibility: "internal", version: 1 },
      after: { visibility: "public", version: 2 },
    };
    expect(auditChanges(event, context("en")).map(changeText)).toEqual([
      "Visibility: Internal (staff only) → Public",
    ]);
    expect(auditChanges(event, context("es")).map(changeText)).toEqual([
      "Visibilidad: Interna (solo personal) → Pública",
    ]);
  });

  test("a new record shows its values without the empty ones; a source's kind is its kind", () => {
    const event = {
      entityType: "Source",
      before: null,
      after: { code: "GAO-99", kind: "other", titleEs: null, notes: "", version: 1 },
    };
    expect(auditChanges(event, context("es")).map(changeText)).toEqual([
      "Código: GAO-99",
      "Tipo de fuente: Otro",
    ]);
  });

  test("a field recorded on one side only shows its value, not a change to empty", () => {
    const event = {
      entityType: "Invite",
      before: { email: "x@example.org", role: "viewer", expiresAt: "2026-01-02T03:04:00.000Z" },
      after: null,
    };
    expect(auditChanges(event, context("en")).map(changeText)).toEqual([
      "Email: x@example.org",
      "Role: Viewer",
      "Expires: Jan 1, 2026, 9:04 PM CST",
    ]);
    const deleted = {
      entityType: "Note",
      before: { body: "Hello", visibility: "public", deletedAt: null, version: 1 },
      after: { deletedAt: "2026-01-02T03:04:00.000Z", version: 2 },
    };
    expect(auditChanges(deleted, context("en")).map(changeText)).toEqual([
      "Note: Hello",
      "Visibility: Public",
      "Deleted: (empty) → Jan 1, 2026, 9:04 PM CST",
    ]);
  });

  test("bookkeeping ids are left out", () => {
    const event = {
      entityType: "Recommendation",
      before: { status: "not_started", version: 1 },
      after: { status: "stalled", version: 2, statusChangeId: "sc1", occurredOn: "2025-01-31" },
    };
    expect(auditChanges(event, context("en")).map(changeText)).toEqual([
      "Status: Not started → Stalled",
      "Date it happened: January 31, 2025",
    ]);
  });
});

/** Every "kind.verb" action the app's modules record, read from their source. */
function recordedActions(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.server\.ts$/.test(entry.name) && !entry.name.includes(".test.")) {
        for (const match of fs.readFileSync(file, "utf8").matchAll(/action: "(\w+\.\w+)"/g)) {
          found.add(match[1]!);
        }
      }
    }
  };
  walk("app/modules");
  return [...found].sort();
}

describe("every recorded action", () => {
  test("reads as a label in English and in Spanish, not as stored", () => {
    const actions = recordedActions();
    expect(actions).toContain("user.two_step_enabled");
    const unlabelled = actions.filter(
      (action) =>
        auditActionLabel(translator("en"), action) === action ||
        auditActionLabel(translator("es"), action) === action,
    );
    expect(unlabelled).toEqual([]);
  });
});

describe("sign-in and privacy events", () => {
  test("read as labels in English and Spanish, with the address and public-name fields named", () => {
    const cases: Array<[string, string, string]> = [
      ["session.login", "Logged in", "Inició sesión"],
      ["session.login_failed", "Failed login", "Inicio de sesión fallido"],
      ["session.logout", "Logged out", "Cerró sesión"],
      ["user.public_name_changed", "Public display name changed", "Nombre público cambiado"],
    ];
    for (const [action, english, spanish] of cases) {
      expect(auditActionLabel(translator("en"), action)).toBe(english);
      expect(auditActionLabel(translator("es"), action)).toBe(spanish);
    }
    expect(auditEntityTypeLabel(translator("en"), "Session")).toBe("Sign-in");
    expect(auditEntityTypeLabel(translator("es"), "Session")).toBe("Inicio de sesión");
    const changes = auditChanges(
      { entityType: "Session", before: null, after: { email: "x@example.org", ip: "192.0.2.1" } },
      context("en"),
    );
    expect(changes.map(changeText)).toEqual(["Email: x@example.org", "Network address: 192.0.2.1"]);
    const profile = auditChanges(
      {
        entityType: "User",
        before: { showNamePublicly: false, publicName: null },
        after: { showNamePublicly: true, publicName: "Field team" },
      },
      context("en"),
    );
    expect(profile.map(changeText)).toEqual([
      "Name shown publicly: No → Yes",
      "Public display name: (empty) → Field team",
    ]);
  });
});

describe("auditActorLabel", () => {
  test("the person; an unknown person for a failed login; else the system, in both languages", () => {
    const en = translator("en");
    const es = translator("es");
    const actor = { name: "Ana Admin" };
    expect(auditActorLabel(en, { action: "session.login", actor })).toBe("Ana Admin");
    expect(auditActorLabel(en, { action: "session.login_failed", actor: null })).toBe(
      en("hardeningDomain.audit.unknownPerson"),
    );
    expect(auditActorLabel(es, { action: "seed", actor: null })).toBe(es("catalogue.audit.system"));
    expect(en("hardeningDomain.audit.unknownPerson")).not.toBe(en("catalogue.audit.system"));
  });
});

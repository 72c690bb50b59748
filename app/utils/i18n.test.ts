import { describe, expect, test } from "vitest";
import { en } from "#app/locales/en.ts";
import { es } from "#app/locales/es.ts";
import {
  actorLabel,
  formatDate,
  formatDateTime,
  formatDayOf,
  localizedReference,
  translator,
} from "./i18n.ts";
import { localeFromAcceptLanguage } from "./i18n.server.ts";

function keys(node: object, prefix = ""): string[] {
  return Object.entries(node).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : keys(value as object, `${prefix}${key}.`),
  );
}

describe("locales", () => {
  test("Spanish has exactly the English keys, none left empty", () => {
    expect(keys(es).sort()).toEqual(keys(en).sort());
    const t = translator("es");
    for (const key of keys(en)) expect(t(key as never), key).not.toBe("");
  });

  test("placeholders are the same in both languages", () => {
    const te = translator("en");
    const ts = translator("es");
    for (const key of keys(en)) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(ts(key as never)), key).toEqual(names(te(key as never)));
    }
  });

  test("interpolates values", () => {
    expect(translator("en")("list.showing", { from: 1, to: 25, total: 31 })).toBe(
      "Showing 1–25 of 31",
    );
    expect(translator("es")("list.showing", { from: 1, to: 25, total: 31 })).toBe(
      "Mostrando 1–25 de 31",
    );
  });
});

describe("localeFromAcceptLanguage", () => {
  test("takes the best supported language by quality", () => {
    expect(localeFromAcceptLanguage("es-MX,es;q=0.9,en;q=0.8")).toBe("es");
    expect(localeFromAcceptLanguage("fr-FR,en;q=0.5,es;q=0.7")).toBe("es");
    expect(localeFromAcceptLanguage("en-US")).toBe("en");
    expect(localeFromAcceptLanguage("fr, de")).toBeUndefined();
    expect(localeFromAcceptLanguage(null)).toBeUndefined();
    expect(localeFromAcceptLanguage("es;q=0")).toBeUndefined();
  });
});

describe("formatDate", () => {
  test("keeps partial dates partial", () => {
    expect(formatDate("en", "2016-01")).toBe("January 2016");
    expect(formatDate("es", "2016-01")).toBe("enero de 2016");
    expect(formatDate("en", "2021-02-22")).toBe("February 22, 2021");
    expect(formatDate("en", null)).toBe("");
  });

  test("moments are shown in the tracker's zone, with its name", () => {
    expect(formatDateTime("en", "2025-02-20T15:04:00Z")).toBe("Feb 20, 2025, 9:04 AM CST");
    expect(formatDateTime("es", "2025-02-20T15:04:00Z")).toBe("20 feb 2025, 9:04 GMT-6");
    // 23:30 in Mexico City is already the next day in UTC: the day shown is Mexico City's.
    expect(formatDayOf("en", "2026-04-01T05:30:00Z")).toBe("Mar 31, 2026");
  });
});

describe("localizedReference", () => {
  const item = {
    reference: "Bicentennial Framework Goal 1 – public health",
    referenceEs: "Entendimiento Bicentenario, Meta 1 – salud pública",
  };

  test("Spanish readers get the Spanish form, English readers the issuer's", () => {
    expect(localizedReference("es", item)).toBe(
      "Entendimiento Bicentenario, Meta 1 – salud pública",
    );
    expect(localizedReference("en", item)).toBe("Bicentennial Framework Goal 1 – public health");
  });

  test("without a Spanish form (or an empty one) the reference is shown as issued", () => {
    expect(localizedReference("es", { reference: "GAO-21-322 #3" })).toBe("GAO-21-322 #3");
    expect(localizedReference("es", { reference: "GAO-21-322 #3", referenceEs: null })).toBe(
      "GAO-21-322 #3",
    );
    expect(localizedReference("es", { reference: "GAO-21-322 #3", referenceEs: "" })).toBe(
      "GAO-21-322 #3",
    );
  });
});

describe("actorLabel", () => {
  const atf = {
    name: "Bureau of Alcohol, Tobacco, Firearms and Explosives",
    nameEs: "Oficina de Alcohol, Tabaco, Armas de Fuego y Explosivos",
    abbreviation: "ATF",
  };
  const mexico = { name: "Government of Mexico", nameEs: "Gobierno de México", abbreviation: null };

  test("the common abbreviation, in either language", () => {
    expect(actorLabel("en", atf)).toBe("ATF");
    expect(actorLabel("es", atf)).toBe("ATF");
  });

  test("without one, the name in the reader's language", () => {
    expect(actorLabel("en", mexico)).toBe("Government of Mexico");
    expect(actorLabel("es", mexico)).toBe("Gobierno de México");
    expect(actorLabel("es", { name: "Civil society", abbreviation: "  " })).toBe("Civil society");
    expect(actorLabel("es", { name: "Civil society", nameEs: null })).toBe("Civil society");
  });
});

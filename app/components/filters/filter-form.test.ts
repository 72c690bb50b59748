import { expect, test } from "vitest";
import { translator } from "#app/utils/i18n.ts";
import { describeFilters, type FilterMenuOptions } from "./filter-form.tsx";

const options: FilterMenuOptions = {
  sources: [{ code: "GAO-21-322", title: "Firearms Trafficking", titleEs: null }],
  goals: [{ code: "1", title: "Protect Our People", titleEs: "Proteger a nuestra gente" }],
  actors: [
    { code: "MX-GOV", name: "Government of Mexico", nameEs: "Gobierno de México" },
    { code: "ATF", name: "Bureau of ATF", nameEs: "Oficina de ATF", abbreviation: "ATF" },
  ],
  tags: [{ slug: "data-sharing", name: "Data sharing", nameEs: "Intercambio de datos" }],
};

test("the filters in words name actors and tags as readers know them, not by internal code", () => {
  const words = (filters: Parameters<typeof describeFilters>[0], locale: "en" | "es") =>
    describeFilters(filters, translator(locale), locale, options).map(
      (part) => `${part.label}: ${part.value}`,
    );
  expect(words({ actor: "mx-gov", tag: "data-sharing", status: "stalled" }, "en")).toEqual([
    "Responsible actor: Government of Mexico",
    "Status: Stalled",
    "Tag: Data sharing",
  ]);
  expect(words({ actor: "MX-GOV", tag: "data-sharing" }, "es")).toEqual([
    "Actor responsable: Gobierno de México",
    "Etiqueta: Intercambio de datos",
  ]);
  expect(words({ actor: "ATF", source: "GAO-21-322", q: "armas" }, "en")).toEqual([
    "Search: “armas”",
    "Source: GAO-21-322",
    "Responsible actor: ATF",
  ]);
  // A value the menus do not offer is shown as it was given.
  expect(words({ actor: "NOBODY", tag: "none" }, "en")).toEqual([
    "Responsible actor: NOBODY",
    "Tag: none",
  ]);
});

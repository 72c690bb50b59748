import { describe, expect, test } from "vitest";
import { filterGao } from "./gao-filter.ts";
import type { GaoRecommendation } from "./types.ts";

function recommendation(overrides: Partial<GaoRecommendation>): GaoRecommendation {
  return {
    rowNumbers: [1],
    publicationNumber: "GAO-26-108061",
    publicationName: "Firearms Trafficking: an example",
    issuedOn: "2026-07-16",
    recommendationNumber: 1,
    text: "Set shared goals.",
    agencies: ["Department of Justice"],
    status: "open",
    statusRaw: "Open",
    priority: false,
    comments: "",
    topics: ["Justice and Law Enforcement"],
    ...overrides,
  };
}

const firearms = recommendation({});
const mexico = recommendation({
  publicationNumber: "GAO-24-106000",
  publicationName: "Security Assistance",
  text: "Assess assistance provided to México.",
  agencies: ["Department of State"],
  topics: ["International Affairs"],
});
const veterans = recommendation({
  publicationNumber: "GAO-25-107000",
  publicationName: "Veterans Health",
  text: "Improve scheduling.",
  agencies: ["Department of Veterans Affairs"],
  topics: ["Health Care"],
});
const all = [firearms, mexico, veterans];

describe("filterGao", () => {
  test("no publication and no word keeps everything", () => {
    expect(filterGao(all, {})).toEqual(all);
    expect(filterGao(all, { publications: [" "], words: [""] })).toEqual(all);
  });

  test("publication numbers, however spaced or cased", () => {
    expect(filterGao(all, { publications: ["gao-25-107000"] })).toEqual([veterans]);
    expect(filterGao(all, { publications: ["GAO 26-108061", "GAO-99-1"] })).toEqual([firearms]);
  });

  test("words in the text, the publication's name, topics or agencies, without case or accents", () => {
    expect(filterGao(all, { words: ["mexico"] })).toEqual([mexico]);
    expect(filterGao(all, { words: ["FIREARMS"] })).toEqual([firearms]);
    expect(filterGao(all, { words: ["health care"] })).toEqual([veterans]);
    expect(filterGao(all, { words: ["department of state"] })).toEqual([mexico]);
    expect(filterGao(all, { words: ["nothing like this"] })).toEqual([]);
  });

  test("a publication or a word: either keeps a recommendation", () => {
    expect(filterGao(all, { publications: ["GAO-25-107000"], words: ["firearms"] })).toEqual([
      firearms,
      veterans,
    ]);
  });
});

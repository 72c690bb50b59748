import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import {
  catalogueOverview,
  kindOrNotFound,
  loadCatalogueItem,
  loadCatalogueList,
  parseArchivedFilter,
  runCatalogueAction,
} from "./admin-forms.server.ts";
import type { CatalogueActionResult } from "./admin-kinds.ts";

/** What a thrown `data(...)` (or a returned one) says: its status and body. */
async function thrown(promise: Promise<unknown> | (() => unknown)) {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    const response = error as { data: unknown; init: ResponseInit | null };
    return { status: response.init?.status, data: response.data };
  }
  throw new Error("expected a response to be thrown");
}

function form(values: Record<string, string | string[]>) {
  const body = new FormData();
  for (const [name, value] of Object.entries(values)) {
    for (const item of ([] as string[]).concat(value)) body.append(name, item);
  }
  return body;
}

const sourceForm = (code: string) => ({
  intent: "create",
  code,
  title: "A report",
  titleEs: "",
  titleEsSource: "translation",
  publisher: "Someone",
  kind: "think_tank_report",
  publishedDate: "2024",
  url: "",
  notes: "",
});

async function post(
  actorId: string,
  kind: Parameters<typeof runCatalogueAction>[1],
  id: string | null,
  values: Record<string, string | string[]>,
) {
  const response = await runCatalogueAction(actorId, kind, id, form(values));
  return { status: response.init?.status ?? 200, result: response.data as CatalogueActionResult };
}

describe("the URL's kind and filter", () => {
  test("a known kind passes; another is a 404", async () => {
    expect(kindOrNotFound("goals")).toBe("goals");
    expect((await thrown(() => kindOrNotFound("widgets"))).status).toBe(404);
    expect((await thrown(() => kindOrNotFound(undefined))).status).toBe(404);
  });

  test("archived=1 lists the archived; anything but 0, 1 or nothing is a 400 naming it", async () => {
    expect(parseArchivedFilter(new URLSearchParams("archived=1"))).toBe(true);
    expect(parseArchivedFilter(new URLSearchParams("archived=0"))).toBe(false);
    expect(parseArchivedFilter(new URLSearchParams(""))).toBe(false);
    const refused = await thrown(() => parseArchivedFilter(new URLSearchParams("archived=yes")));
    expect(refused).toMatchObject({ status: 400, data: { field: "archived" } });
  });
});

describe("showing the pages", () => {
  test("the overview counts each kind's active and archived records", async () => {
    const kinds = await catalogueOverview();
    expect(kinds.map((kind) => kind.kind)).toEqual([
      "sources",
      "recommendations",
      "actors",
      "goals",
      "tags",
    ]);
    expect(kinds.find((kind) => kind.kind === "recommendations")).toMatchObject({
      active: 35,
      archived: 0,
    });
  });

  test("a list shows its records with their details, and the new form with its choices", async () => {
    const list = await loadCatalogueList("sources", "en", false);
    expect(list.counts).toEqual({ active: 23, archived: 0 });
    expect(list.rows.find((row) => row.code === "GAO-21-322")).toMatchObject({
      id: "src-gao-21-322",
      detailKey: "catalogue.sourceKind.gao_report",
      recommendationCount: 7,
      archivedAt: null,
    });
    const kind = list.fields.find((field) => field.name === "kind")!;
    expect(kind).toMatchObject({
      type: "select",
      required: true,
      labelKey: "catalogue.fields.kind",
      emptyKey: "catalogue.form.chooseOne",
    });
    expect(kind.options).toContainEqual({
      value: "gao_report",
      labelKey: "catalogue.sourceKind.gao_report",
    });
    expect(list.fields.find((field) => field.name === "titleEsSource")?.initial).toBe(
      "translation",
    );
    expect((await loadCatalogueList("sources", "en", true)).rows).toEqual([]);
  });

  test("a goal's parent is offered among goals and cooperation areas only", async () => {
    const { fields } = await loadCatalogueList("goals", "en", false);
    const parent = fields.find((field) => field.name === "parent")!;
    const values = parent.options!.map((option) => option.value);
    expect(values).toEqual(expect.arrayContaining(["1", "1.1"]));
    expect(values).not.toContain("1.1.1");
  });

  test("an edit page shows the record as its form: lists, ticked boxes as on, empty as blank", async () => {
    const item = await loadCatalogueItem("recommendations", "gao-21-322-atf-data", "es");
    expect(item).toMatchObject({ id: "gao-21-322-atf-data", archivedAt: null, version: 1 });
    expect(item!.values).toMatchObject({
      source: "GAO-21-322",
      actors: expect.arrayContaining(["ATF"]),
      verified: "on",
      addressee: expect.any(String),
    });
    expect(item!.title).toMatch(/^ATF: recabar/);
    const actors = item!.fields.find((field) => field.name === "actors")!;
    expect(actors.options!.find((option) => option.value === "ATF")?.label).toMatch(/^ATF – /);
    expect(await loadCatalogueItem("sources", "no-such-source", "en")).toBeNull();
  });

  test("the Spanish reference and the actor's abbreviation are fields of their forms", async () => {
    const item = await loadCatalogueItem("recommendations", "gao-21-322-atf-data", "es");
    expect(item!.values).toMatchObject({
      reference: "GAO-21-322 (ATF – data/analysis)",
      referenceEs: "GAO-21-322 (ATF – datos y análisis)",
    });
    const names = item!.fields.map((field) => field.name);
    expect(names.indexOf("referenceEs")).toBe(names.indexOf("reference") + 1);
    expect(item!.fields.find((field) => field.name === "referenceEs")).toMatchObject({
      type: "text",
      labelKey: "catalogue.fields.referenceEs",
      hintKey: "catalogue.hints.referenceEs",
    });

    const actor = await loadCatalogueItem("actors", "actor-atf", "es");
    expect(actor!.values).toMatchObject({ abbreviation: "ATF" });
    expect(actor!.title).toBe("Oficina de Alcohol, Tabaco, Armas de Fuego y Explosivos");
    const government = await loadCatalogueItem("actors", "actor-mx-gov", "en");
    expect(government!.values).toMatchObject({ abbreviation: "" });
    expect(actor!.fields.find((field) => field.name === "abbreviation")).toMatchObject({
      labelKey: "catalogue.fields.abbreviation",
      hintKey: "catalogue.hints.abbreviation",
    });
  });

  test("an archived record the item names stays among its choices, marked", async () => {
    const admin = await createUser({ role: "admin" });
    await runCatalogueAction(
      admin.id,
      "actors",
      "actor-ondcp",
      form({ intent: "archive", expectedVersion: "1" }),
    );
    const item = await loadCatalogueItem("recommendations", "gao-16-223-ondcp-indicators", "en");
    const actors = item!.fields.find((field) => field.name === "actors")!;
    expect(actors.options!.find((option) => option.value === "ONDCP")?.label).toMatch(
      /\(archived\)$/,
    );
    const fresh = (await loadCatalogueList("recommendations", "en", false)).fields;
    const offered = fresh.find((field) => field.name === "actors")!.options!;
    expect(offered.map((option) => option.value)).not.toContain("ONDCP");
  });
});

describe("posting the forms", () => {
  test("creating a record returns its id, and the change is audited", async () => {
    const admin = await createUser({ role: "admin" });
    const { status, result } = await post(admin.id, "sources", null, sourceForm("NEW-1"));
    expect(status).toBe(200);
    expect(result).toMatchObject({ ok: true, intent: "create" });
    const id = (result as { id: string }).id;
    expect(await prisma.source.findUnique({ where: { id } })).toMatchObject({ code: "NEW-1" });
    expect(
      await prisma.auditEvent.count({ where: { entityId: id, action: "source.created" } }),
    ).toBe(1);
  });

  test("a recommendation takes its actors and goals from the multiselects", async () => {
    const admin = await createUser({ role: "admin" });
    const { result } = await post(admin.id, "recommendations", null, {
      intent: "create",
      source: "GAO-21-322",
      reference: "GAO-21-322 #99",
      title: "Test",
      text: "Full text",
      textIsParaphrase: "on",
      country: "US",
      actors: ["ATF", "CBP"],
      goals: ["1"],
      verificationLevel: "brief_only",
      sourceUrl: "https://example.org",
    });
    expect(result).toMatchObject({ ok: true, id: "gao-21-322-99" });
    const item = await loadCatalogueItem("recommendations", "gao-21-322-99", "en");
    expect(item!.values).toMatchObject({
      actors: ["ATF", "CBP"],
      goals: ["1"],
      textIsParaphrase: "on",
      verified: "",
      goalMapping: "editorial",
    });
  });

  test("posting the actor form saves its abbreviation", async () => {
    const admin = await createUser({ role: "admin" });
    const { result } = await post(admin.id, "actors", "actor-state", {
      intent: "save",
      expectedVersion: "1",
      code: "STATE",
      name: "Department of State",
      nameEs: "Departamento de Estado",
      abbreviation: "DOS",
      country: "US",
    });
    expect(result).toMatchObject({ ok: true, intent: "save", id: "actor-state" });
    expect(await prisma.actor.findUnique({ where: { id: "actor-state" } })).toMatchObject({
      abbreviation: "DOS",
      version: 2,
    });
  });

  test("a duplicate code is a 422 on the code field, with the typed values", async () => {
    const admin = await createUser({ role: "admin" });
    const before = await prisma.source.count();
    const { status, result } = await post(admin.id, "sources", null, sourceForm("gao-21-322"));
    expect(status).toBe(422);
    expect(result).toMatchObject({
      ok: false,
      intent: "create",
      fieldErrors: { code: ["Code is already used by another source."] },
      values: { code: "gao-21-322", title: "A report", publishedDate: "2024" },
    });
    expect(await prisma.source.count()).toBe(before);
  });

  test("a stale save is a 409 with the other save's changes, the typed values and the current version", async () => {
    const admin = await createUser({ role: "admin", name: "Ana Admin" });
    const created = await post(admin.id, "tags", null, {
      intent: "create",
      slug: "stale",
      name: "First",
    });
    const id = (created.result as { id: string }).id;
    const save = (name: string) =>
      post(admin.id, "tags", id, { intent: "save", expectedVersion: "1", slug: "stale", name });
    expect((await save("Second")).result).toMatchObject({ ok: true, intent: "save", id });
    const { status, result } = await save("Third");
    expect(status).toBe(409);
    expect(result).toMatchObject({
      ok: false,
      intent: "save",
      values: { slug: "stale", name: "Third", nameEs: "" },
      conflict: {
        currentVersion: 2,
        changes: [
          {
            actor: "Ana Admin",
            action: "tag.edited",
            fields: [{ field: "name", before: "First", after: "Second" }],
          },
        ],
      },
    });
    expect(await prisma.tag.findUnique({ where: { id } })).toMatchObject({ name: "Second" });
  });

  test("a save with an invalid field keeps the version the form started from", async () => {
    const admin = await createUser({ role: "admin" });
    const { status, result } = await post(admin.id, "actors", "actor-atf", {
      intent: "save",
      expectedVersion: "1",
      code: "ATF",
      name: "",
      country: "US",
    });
    expect(status).toBe(422);
    expect(result).toMatchObject({
      fieldErrors: { name: ["Name is required."] },
      expectedVersion: "1",
    });
  });

  test("archive and unarchive, each under a version check", async () => {
    const admin = await createUser({ role: "admin" });
    const archive = await post(admin.id, "goals", "goal-1.1.2", {
      intent: "archive",
      expectedVersion: "1",
    });
    expect(archive.result).toMatchObject({ ok: true, intent: "archive" });
    expect((await loadCatalogueItem("goals", "goal-1.1.2", "en"))?.archivedAt).not.toBeNull();
    const stale = await post(admin.id, "goals", "goal-1.1.2", {
      intent: "unarchive",
      expectedVersion: "1",
    });
    expect(stale.status).toBe(409);
    expect(stale.result).toMatchObject({ conflict: { currentVersion: 2 } });
    const back = await post(admin.id, "goals", "goal-1.1.2", {
      intent: "unarchive",
      expectedVersion: "2",
    });
    expect(back.result).toMatchObject({ ok: true, intent: "unarchive" });
    expect((await loadCatalogueItem("goals", "goal-1.1.2", "en"))?.archivedAt).toBeNull();
  });

  test("an unknown form, or a form of the other page, is a 400; a missing record a 404", async () => {
    const admin = await createUser({ role: "admin" });
    const post400 = (id: string | null, intent: string) =>
      thrown(runCatalogueAction(admin.id, "tags", id, form({ intent })));
    expect(await post400(null, "nothing")).toMatchObject({
      status: 400,
      data: { field: "intent" },
    });
    expect((await post400(null, "archive")).status).toBe(400);
    expect((await post400("x", "create")).status).toBe(400);
    const missing = await thrown(
      runCatalogueAction(
        admin.id,
        "tags",
        "no-such-tag",
        form({ intent: "archive", expectedVersion: "1" }),
      ),
    );
    expect(missing.status).toBe(404);
  });
});

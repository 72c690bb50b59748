import { describe, expect, test } from "vitest";
import { updateTracking } from "#app/modules/tracking/tracking-fields.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { type ValidationError, VersionConflictError } from "#app/utils/domain-errors.ts";
import { createUser } from "#tests/factories.ts";
import { failAuditEvents, withRowLocked } from "#tests/tracking-factories.ts";
import {
  archiveActor,
  createActor,
  getActor,
  listActors,
  unarchiveActor,
  updateActor,
} from "./actors.server.ts";
import { rejection } from "#tests/rejection.ts";

describe("actors", () => {
  test("create, edit and audit", async () => {
    const admin = await createUser({ role: "admin" });
    const actor = await createActor(admin.id, {
      code: "SSPC",
      name: "Security and Citizen Protection Secretariat",
      nameEs: "Secretaría de Seguridad y Protección Ciudadana",
      country: "MX",
    });
    expect(actor).toMatchObject({ code: "SSPC", country: "MX", version: 1, archivedAt: null });
    const edited = await updateActor(admin.id, {
      id: actor.id,
      expectedVersion: 1,
      code: "SSPC",
      name: "SSPC",
      nameEs: "",
      country: "MX",
    });
    expect(edited).toMatchObject({ name: "SSPC", nameEs: null, version: 2 });
    const events = await prisma.auditEvent.findMany({
      where: { entityType: "Actor", entityId: actor.id },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => event.action)).toEqual(["actor.created", "actor.edited"]);
    expect(events[1]?.after).toEqual({ name: "SSPC", nameEs: null, version: 2 });
  });

  test("the abbreviation: saved trimmed, audited, cleared when left blank", async () => {
    const admin = await createUser({ role: "admin" });
    const actor = await createActor(admin.id, {
      code: "MX-SSPC",
      name: "Security and Citizen Protection Secretariat",
      nameEs: "Secretaría de Seguridad y Protección Ciudadana",
      abbreviation: " SSPC ",
      country: "MX",
    });
    expect(actor.abbreviation).toBe("SSPC");
    expect((await getActor(actor.id)).abbreviation).toBe("SSPC");
    const edit = (abbreviation: string, expectedVersion: number) =>
      updateActor(admin.id, {
        id: actor.id,
        expectedVersion,
        code: "MX-SSPC",
        name: "Security and Citizen Protection Secretariat",
        nameEs: "Secretaría de Seguridad y Protección Ciudadana",
        abbreviation,
        country: "MX",
      });
    expect(await edit("SSyPC", 1)).toMatchObject({ abbreviation: "SSyPC", version: 2 });
    expect(await edit("", 2)).toMatchObject({ abbreviation: null, version: 3 });
    const events = await prisma.auditEvent.findMany({
      where: { entityType: "Actor", entityId: actor.id },
      orderBy: { id: "asc" },
    });
    expect(events[0]?.after).toMatchObject({ abbreviation: "SSPC" });
    expect(events.slice(1).map((event) => [event.before, event.after])).toEqual([
      [
        { abbreviation: "SSPC", version: 1 },
        { abbreviation: "SSyPC", version: 2 },
      ],
      [
        { abbreviation: "SSyPC", version: 2 },
        { abbreviation: null, version: 3 },
      ],
    ]);
    const tooLong = await rejection(edit("X".repeat(31), 3));
    expect((tooLong as ValidationError).fieldErrors).toEqual({
      abbreviation: ["Abbreviation must be at most 30 characters."],
    });
  });

  test("a duplicate code (any case) is a ValidationError on code; bad fields are named", async () => {
    const admin = await createUser({ role: "admin" });
    const before = await prisma.actor.count();
    const error = await rejection(
      createActor(admin.id, { code: "atf", name: "Duplicate", country: "US" }),
    );
    expect((error as ValidationError).fieldErrors).toEqual({
      code: ["Code is already used by another actor."],
    });
    const bad = await rejection(createActor(admin.id, { code: "", name: "", country: "CA" }));
    expect(Object.keys((bad as ValidationError).fieldErrors).sort()).toEqual([
      "code",
      "country",
      "name",
    ]);
    const rename = await rejection(
      updateActor(admin.id, {
        id: "actor-ice",
        expectedVersion: 1,
        code: "CBP",
        name: "ICE",
        country: "US",
      }),
    );
    expect(Object.keys((rename as ValidationError).fieldErrors)).toEqual(["code"]);
    expect(await prisma.actor.count()).toBe(before);
    expect((await getActor("actor-ice")).code).toBe("ICE");
  });

  test("a stale edit conflicts; two concurrent edits: exactly one wins", async () => {
    const admin = await createUser({ role: "admin" });
    const input = { id: "actor-sre", code: "SRE", country: "MX" as const };
    const results = await withRowLocked("Actor", "actor-sre", () =>
      Promise.allSettled(
        ["Foreign Ministry", "Secretaría de Relaciones Exteriores"].map((name) =>
          updateActor(admin.id, { ...input, name, expectedVersion: 1 }),
        ),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const conflict = await rejection(
      updateActor(admin.id, { ...input, name: "Late", expectedVersion: 1 }),
    );
    expect(conflict).toBeInstanceOf(VersionConflictError);
    expect((conflict as VersionConflictError).changes).toHaveLength(1);
    expect((await getActor("actor-sre")).version).toBe(2);
  });

  test("archived actors leave the list and cannot be newly assigned; unarchive restores", async () => {
    const admin = await createUser({ role: "admin" });
    const actor = await createActor(admin.id, { code: "FGR-UEIDO", name: "UEIDO", country: "MX" });
    await archiveActor(admin.id, { id: actor.id, expectedVersion: 1 });
    expect((await listActors()).some((item) => item.code === "FGR-UEIDO")).toBe(false);
    const all = await listActors({ includeArchived: true });
    expect(all.find((item) => item.code === "FGR-UEIDO")?.archivedAt).not.toBeNull();

    const id = "pc-1-alignment";
    const version = (await prisma.recommendation.findUniqueOrThrow({ where: { id } })).version;
    const error = await rejection(
      updateTracking(admin.id, {
        recommendationId: id,
        expectedVersion: version,
        actors: ["FGR-UEIDO"],
      }),
    );
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(["actors"]);

    const back = await unarchiveActor(admin.id, { id: actor.id, expectedVersion: 2 });
    expect(back).toMatchObject({ archivedAt: null, version: 3 });
    await updateTracking(admin.id, {
      recommendationId: id,
      expectedVersion: version,
      actors: ["FGR-UEIDO"],
    });
  });

  test("when the audit event cannot be written, nothing changes", async () => {
    const admin = await createUser({ role: "admin" });
    const restore = await failAuditEvents("actor.edited");
    try {
      await expect(
        updateActor(admin.id, {
          id: "actor-atf",
          expectedVersion: 1,
          code: "ATF",
          name: "Renamed",
          country: "US",
        }),
      ).rejects.toThrow(/audit refused by test/);
    } finally {
      await restore();
    }
    expect(await getActor("actor-atf")).toMatchObject({ version: 1 });
    expect((await getActor("actor-atf")).name).not.toBe("Renamed");
  });
});

// What the recommendation page shows of the tracking work: timeline, evidence, the notes their
// authors may edit, and, for editors, the choices of the tracking form.
import { hasRole } from "#app/modules/auth/permissions.ts";
import type { SessionUser } from "#app/modules/auth/session.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { listEvidence } from "./evidence.server.ts";
import { listNotes } from "./notes.server.ts";
import { getTimeline } from "./timeline.server.ts";

async function trackingOptions() {
  const [actors, goals, tags] = await Promise.all([
    prisma.actor.findMany({
      where: { archivedAt: null },
      select: { code: true, name: true, nameEs: true },
      orderBy: { code: "asc" },
    }),
    prisma.goal.findMany({
      where: { archivedAt: null },
      select: { code: true, title: true, titleEs: true },
      orderBy: [{ position: "asc" }, { code: "asc" }],
    }),
    prisma.tag.findMany({
      where: { archivedAt: null },
      select: { slug: true, name: true, nameEs: true },
      orderBy: { slug: "asc" },
    }),
  ]);
  return {
    actors: actors.map((actor) => ({ code: actor.code, title: actor.name, titleEs: actor.nameEs })),
    goals,
    tags: tags.map((tag) => ({ code: tag.slug, title: tag.name, titleEs: tag.nameEs })),
  };
}

export async function loadTrackingPanel(recommendationId: string, user: SessionUser | null) {
  // Internal notes are for logged-in users only (every role reads them).
  const includeInternal = Boolean(user);
  const canEdit = hasRole(user, "editor");
  const [timeline, evidence, notes, options] = await Promise.all([
    getTimeline(recommendationId, { includeInternal }),
    listEvidence(recommendationId),
    user ? listNotes(recommendationId, { includeInternal }) : Promise.resolve([]),
    canEdit ? trackingOptions() : Promise.resolve(null),
  ]);
  return {
    // Who recorded what is for staff: anonymous readers get the history without people (no
    // names, no user ids), as on the what-changed page and in public reports.
    timeline: user ? timeline : timeline.map((entry) => ({ ...entry, by: null })),
    evidence: user ? evidence : evidence.map((item) => ({ ...item, createdBy: null })),
    editableNotes: Object.fromEntries(
      notes.map((note) => [
        note.id,
        {
          id: note.id,
          body: note.body,
          visibility: note.visibility,
          version: note.version,
          authorId: note.author?.id ?? null,
        },
      ]),
    ),
    options,
    canEdit,
    isAdmin: hasRole(user, "admin"),
  };
}

// What the recommendation page shows of the tracking work: timeline, evidence, the notes their
// authors may edit, and, for editors, the choices of the tracking form.
import { hasRole } from "#app/modules/auth/permissions.ts";
import type { SessionUser } from "#app/modules/auth/session.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { listEvidence } from "./evidence.server.ts";
import { archiveViewsForEvidence } from "#app/modules/archive/archive.server.ts";
import { showPerson } from "./people.server.ts";
import { getTimeline, TIMELINE_PAGE } from "./timeline.server.ts";
import { cached } from "#app/utils/cache.server.ts";

/** The tracking form's choices: the same for every editor, kept until the catalogue version moves. */
function trackingOptions() {
  return cached("tracking-options", computeTrackingOptions, "data:catalogue");
}

async function computeTrackingOptions() {
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

/**
 * The tracking part of the recommendation page: the latest timeline entries (all of them with
 * `showAll`), the evidence, and for editors the tracking form's choices.
 */
export async function loadTrackingPanel(
  recommendationId: string,
  user: SessionUser | null,
  options: { showAll?: boolean } = {},
) {
  // Internal notes are for logged-in users only (every role reads them).
  const includeInternal = Boolean(user);
  const audience = user ? "staff" : "public";
  const canEdit = hasRole(user, "editor");
  const [timeline, evidence, formOptions] = await Promise.all([
    getTimeline(recommendationId, {
      includeInternal,
      limit: options.showAll ? undefined : TIMELINE_PAGE,
      viewerId: user?.id ?? null,
      audience,
    }),
    listEvidence(recommendationId),
    canEdit ? trackingOptions() : Promise.resolve(null),
  ]);
  // Each link's archived copy and health, shown under it.
  const archives = await archiveViewsForEvidence(
    evidence.filter((item) => item.kind === "link").map((item) => item.id),
  );
  return {
    // Who recorded what: staff read names; anonymous readers read a name only where its person
    // chose so (or an admin's display name), else the role, and never a user id (people.ts).
    timeline: timeline.entries,
    hasEarlier: timeline.hasEarlier,
    evidence: evidence.map((item) => ({
      ...item,
      createdBy: showPerson(item.createdBy, audience),
      archive: archives.get(item.id) ?? null,
    })),
    // What the edit and delete buttons of a note need: its author's markdown, and its version.
    editableNotes: Object.fromEntries(
      timeline.entries.flatMap((entry) =>
        entry.type === "note" && user && !entry.deletedAt
          ? [
              [
                entry.id,
                {
                  id: entry.id,
                  body: entry.body ?? "",
                  visibility: entry.visibility,
                  version: entry.version,
                  authorId: entry.by?.id ?? null,
                },
              ],
            ]
          : [],
      ),
    ),
    options: formOptions,
    canEdit,
    isAdmin: hasRole(user, "admin"),
  };
}

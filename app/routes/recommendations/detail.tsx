import { Form, Link, redirect, useLocation, useSearchParams } from "react-router";
import type { Route } from "./+types/detail";
import { StatusBadge } from "#app/components/status-badge.tsx";
import { EvidenceForm, EvidenceList } from "#app/components/tracking/evidence-section.tsx";
import { ArchiveLine } from "#app/components/archive/archive-line.tsx";
import { EmbedCode } from "#app/components/embed/embed-code.tsx";
import { FollowForm } from "#app/components/follow/follow-form.tsx";
import { StatusForm } from "#app/components/tracking/status-form.tsx";
import { NoteForm, Timeline } from "#app/components/tracking/timeline.tsx";
import { PendingChanges, reviewSavedMessages } from "#app/components/review/pending-changes.tsx";
import { TrackingForm } from "#app/components/tracking/tracking-form.tsx";
import { FormMessage, SubmitButton } from "#app/components/ui/field.tsx";
import { requireReader, requireRole } from "#app/modules/auth/auth.server.ts";
import { archiveViewForSource } from "#app/modules/archive/archive.server.ts";
import { getRecommendation } from "#app/modules/recommendations/detail.server.ts";
import {
  runTrackingAction,
  type TrackingActionResult,
  type TrackingIntent,
} from "#app/modules/tracking/page-actions.server.ts";
import { loadTrackingPanel } from "#app/modules/tracking/page.server.ts";
import { listItemPendingChanges } from "#app/modules/review/review.server.ts";
import {
  isReviewIntent,
  runReviewAction,
  type ReviewActionResult,
} from "#app/modules/review/review-actions.server.ts";
import { TIMELINE_PAGE } from "#app/modules/tracking/timeline-page.ts";
import { currentDay, dayOf } from "#app/utils/dates.ts";
import { isStale } from "#app/modules/tracking/stale.ts";
import { notFoundUnless } from "#app/utils/http.server.ts";
import {
  actorLabel,
  formatDate,
  formatDayOf,
  localizedReference,
  localizedTitle,
  type MessageKey,
  translator,
  useLocale,
  useT,
} from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { FeedLink, feedLinkMeta } from "#app/components/feed-link.tsx";
import { readFormData } from "#app/utils/upload.server.ts";
import { useOptionalUser } from "#app/utils/user.ts";
import { RelatedItems } from "#app/components/related/related-items.tsx";
import { listRelations } from "#app/modules/relations/relations.server.ts";
import { hasRole } from "#app/modules/auth/permissions.ts";
import { runRelationAction } from "#app/modules/relations/relation-actions.server.ts";
import {
  isRelationIntent,
  type RelationActionResult,
} from "#app/modules/relations/relation-intents.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const user = requireReader(context, request);
  const locale = await getLocale(request);
  const recommendation = notFoundUnless(await getRecommendation(params.id));
  const t = translator(locale);
  return {
    recommendation,
    panel: await loadTrackingPanel(recommendation.id, user, {
      showAll: new URL(request.url).searchParams.get("timeline") === "all",
    }),
    // Both ways; links to archived items for staff (editors, admins) only, marked.
    related: await listRelations(recommendation.id, { staff: hasRole(user, "editor") }),
    // Changes awaiting review: staff only (none for visitors and viewers, decided on the server).
    pending: await listItemPendingChanges(recommendation.id, user),
    // The source document's archived copy, when its URL has been archived.
    sourceArchive: recommendation.source.url
      ? await archiveViewForSource(recommendation.source.code)
      : null,
    today: currentDay(),
    pageTitle: localizedTitle(locale, recommendation),
    pageDescription: t("detail.metaDescription", {
      reference: recommendation.reference,
      source: recommendation.source.code,
    }),
    appName: t("app.name"),
    // Embeds are for anonymous readers: offered only when the catalogue is public.
    embeds: getEnv().PUBLIC_READ,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const user = requireRole(context, request, "editor");
  const form = await readFormData(request);
  const here = `/recommendations/${encodeURIComponent(params.id)}`;
  if (isRelationIntent(form.get("intent"))) {
    const related = await runRelationAction(user, params.id, form);
    return related.data.ok ? redirect(`${here}?saved=${related.data.intent}`) : related;
  }
  if (isReviewIntent(form.get("intent"))) {
    const review = await runReviewAction(user, form);
    return review.data.ok ? redirect(`${here}?saved=${review.data.intent}`) : review;
  }
  const response = await runTrackingAction(user, params.id, form);
  if (response.data.ok && response.data.sentForReview) {
    return redirect(`${here}?saved=review-submitted`);
  }
  if (response.data.ok) {
    // Post/redirect/get: a reload does not post again; the message comes from the query.
    return redirect(
      `/recommendations/${encodeURIComponent(params.id)}?saved=${response.data.intent}`,
    );
  }
  return response;
}

const savedMessages: Record<TrackingIntent, MessageKey> = {
  status: "tracking.savedStatus",
  "evidence-add": "tracking.savedEvidence",
  "evidence-archive": "tracking.archivedEvidence",
  tracking: "tracking.savedTracking",
  verify: "tracking.verifiedToday",
  "note-add": "tracking.savedNote",
  "note-edit": "tracking.editedNote",
  "note-delete": "tracking.deletedNote",
};

const relationSavedMessages: Record<string, MessageKey> = {
  "relation-add": "related.saved.added",
  "relation-remove": "related.saved.removed",
};

/** A collapsible form: open when it was just posted with errors, closed otherwise. */
function EditorPanel({
  open,
  label,
  children,
}: {
  open: boolean;
  label: string;
  children: React.ReactNode;
}) {
  return (
    <details open={open} className="mt-3 rounded border border-gray-200 p-3">
      <summary className="cursor-pointer font-semibold">{label}</summary>
      <div className="mt-3">{children}</div>
    </details>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="py-2">
      <dt className="text-sm font-semibold text-gray-700">{label}</dt>
      <dd className="mt-1">{children}</dd>
    </div>
  );
}

export default function RecommendationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { recommendation: item, panel, today } = loaderData;
  const t = useT();
  const locale = useLocale();
  const user = useOptionalUser();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const saved = searchParams.get("saved") as TrackingIntent | null;
  const reviewSaved = reviewSavedMessages[searchParams.get("saved") ?? ""];
  const relationSaved = relationSavedMessages[searchParams.get("saved") ?? ""];
  const posted = actionData as
    TrackingActionResult | ReviewActionResult | RelationActionResult | undefined;
  const relationResult =
    posted && isRelationIntent(posted.intent) ? (posted as RelationActionResult) : undefined;
  const reviewResult = posted && "changeId" in posted ? posted : undefined;
  const result =
    posted && !("changeId" in posted) && !relationResult
      ? (posted as TrackingActionResult)
      : undefined;
  const resultFor = (intent: TrackingIntent) => (result?.intent === intent ? result : undefined);
  const showsSpanishTitle = locale === "es" && Boolean(item.titleEs);
  const stale = isStale(item.lastVerifiedAt);
  return (
    <article className="space-y-6">
      <p className="print:hidden">
        <Link to="/recommendations">← {t("detail.backToList")}</Link>
      </p>
      <header>
        <p className="text-sm font-semibold text-gray-700">
          <span className="sr-only">{t("detail.reference")}: </span>
          {localizedReference(locale, item)}
        </p>
        <h1 className="mt-1 text-3xl font-bold">{localizedTitle(locale, item)}</h1>
        {showsSpanishTitle && (
          <p className="mt-2 text-sm text-gray-700" data-testid="title-es-source">
            {t(`titleEsSource.${item.titleEsSource}`)}. {t("detail.originalTitle")}:{" "}
            <span lang="en">{item.title}</span>
          </p>
        )}
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <StatusBadge status={item.status} />
          {stale && (
            <span
              title={t("tracking.staleHelp")}
              data-testid="stale-mark"
              className="rounded-full border border-gray-500 px-2.5 py-0.5 text-xs font-semibold text-gray-800"
            >
              {t("tracking.stale")}
            </span>
          )}
          {panel.canEdit && (
            <Form method="post" className="print:hidden">
              <input type="hidden" name="intent" value="verify" />
              <SubmitButton variant="secondary">{t("tracking.verifyToday")}</SubmitButton>
            </Form>
          )}
        </div>
        {saved && savedMessages[saved] && (
          <FormMessage kind="success">{t(savedMessages[saved])}</FormMessage>
        )}
        {reviewSaved && <FormMessage kind="success">{t(reviewSaved)}</FormMessage>}
        {relationSaved && <FormMessage kind="success">{t(relationSaved)}</FormMessage>}
      </header>

      <section aria-labelledby="full-text">
        <h2 id="full-text" className="text-xl font-semibold">
          {t("detail.fullText")}
        </h2>
        {item.textIsParaphrase && (
          <p
            role="note"
            data-testid="paraphrase-notice"
            className="mt-2 rounded border-l-4 border-status-partially-implemented-solid bg-status-partially-implemented-bg px-3 py-2 text-sm text-status-partially-implemented-fg"
          >
            {t("detail.paraphrase")}
          </p>
        )}
        <blockquote
          lang="en"
          className="mt-3 border-l-4 border-gray-300 pl-4 text-lg whitespace-pre-line"
        >
          {item.text}
        </blockquote>
        {locale !== "en" && (
          <p className="mt-2 text-sm text-gray-700">{t("detail.textLanguageNote")}</p>
        )}
      </section>

      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="status-heading" className="rounded-lg border border-gray-200 p-4">
          <h2 id="status-heading" className="text-lg font-semibold">
            {t("detail.status")}
          </h2>
          <dl>
            <Field label={t("detail.status")}>
              <StatusBadge status={item.status} />
            </Field>
            <Field label={t("detail.officialStatus")}>
              {item.statusOfficial ? (
                <>
                  {t(`officialStatus.${item.statusOfficial}`)}
                  {item.statusOfficialAsOf &&
                    ` ${t("detail.officialStatusAsOf", { date: formatDate(locale, item.statusOfficialAsOf) })}`}
                </>
              ) : (
                t("detail.officialStatusNone")
              )}
              {item.statusOfficialPriority && (
                <p className="mt-1 text-sm font-semibold">{t("import.official.priority")}</p>
              )}
            </Field>
            {item.statusOfficialComment && (
              <Field label={t("import.official.comment")}>
                <span className="whitespace-pre-line">{item.statusOfficialComment}</span>
              </Field>
            )}
            {item.statusNote && (
              <Field label={t("detail.statusNote")}>
                <span className="whitespace-pre-line">{item.statusNote}</span>
              </Field>
            )}
            <Field label={t("list.check")}>
              <span data-testid="status-check">
                {item.lastVerifiedAt
                  ? t("detail.lastVerifiedOn", { date: formatDayOf(locale, item.lastVerifiedAt) })
                  : t("detail.neverVerified")}
              </span>
            </Field>
          </dl>
        </section>

        <section aria-labelledby="source-heading" className="rounded-lg border border-gray-200 p-4">
          <h2 id="source-heading" className="text-lg font-semibold">
            {t("detail.source")}
          </h2>
          <p className="mt-2 font-semibold">
            <Link to={`/recommendations?source=${encodeURIComponent(item.source.code)}`}>
              {item.source.code}
            </Link>
          </p>
          <p lang={showsSpanishTitle && item.source.titleEs ? "es" : "en"}>
            {localizedTitle(locale, item.source)}
          </p>
          <p className="mt-1 text-sm text-gray-700">
            {t("detail.publishedBy", { publisher: item.source.publisher })}
            {item.source.publishedDate &&
              ` · ${t("detail.published", { date: formatDate(locale, item.source.publishedDate) })}`}
          </p>
          {item.source.url && (
            <p className="mt-2">
              <a href={item.source.url} rel="noopener noreferrer" target="_blank">
                {t("detail.openSource")}
              </a>
            </p>
          )}
          {item.source.url && loaderData.sourceArchive && (
            <ArchiveLine
              archive={loaderData.sourceArchive}
              title={localizedTitle(locale, item.source)}
              canArchive={panel.canEdit}
              returnTo={`/recommendations/${encodeURIComponent(item.id)}`}
            />
          )}
        </section>
      </div>

      <section aria-labelledby="details-heading" className="rounded-lg border border-gray-200 p-4">
        <h2 id="details-heading" className="text-lg font-semibold">
          {t("detail.details")}
        </h2>
        <dl className="grid gap-x-6 md:grid-cols-2">
          <Field label={t("detail.actors")}>
            <ul>
              {item.actors.map((actor) => (
                <li key={actor.code}>
                  <Link to={`/recommendations?actor=${encodeURIComponent(actor.code)}`}>
                    {actorLabel(locale, actor)}
                  </Link>
                  {actor.abbreviation &&
                    ` – ${locale === "es" && actor.nameEs ? actor.nameEs : actor.name}`}
                </li>
              ))}
            </ul>
          </Field>
          {item.addressee && (
            <Field label={t("detail.addressee")}>
              <span lang="en">{item.addressee}</span>
            </Field>
          )}
          <Field label={t("detail.goals")}>
            <ul>
              {item.goals.map((goal) => (
                <li key={goal.code}>
                  <Link to={`/recommendations?goal=${encodeURIComponent(goal.code)}`}>
                    {t(`goalLevel.${goal.level}`)} {goal.code}
                  </Link>{" "}
                  – {localizedTitle(locale, goal)}
                  {goal.parent && (
                    <span className="text-sm text-gray-700">
                      {" "}
                      ({goal.parent.code} – {localizedTitle(locale, goal.parent)})
                    </span>
                  )}
                </li>
              ))}
            </ul>
            <p className="mt-1 text-sm text-gray-700">{t(`goalMapping.${item.goalMapping}`)}</p>
          </Field>
          <Field label={t("detail.country")}>{t(`country.${item.country}`)}</Field>
          {item.priority && (
            <Field label={t("tracking.priorityLabel")}>{t(`priority.${item.priority}`)}</Field>
          )}
          {item.dueDate && (
            <Field label={t("tracking.dueDateLabel")}>{formatDate(locale, item.dueDate)}</Field>
          )}
          {item.tags.length > 0 && (
            <Field label={t("tracking.trackingForm.tags")}>
              {item.tags
                .map((tag) => (locale === "es" && tag.nameEs ? tag.nameEs : tag.name))
                .join(", ")}
            </Field>
          )}
        </dl>
      </section>

      <RelatedItems items={loaderData.related} canEdit={panel.canEdit} result={relationResult} />

      <PendingChanges changes={loaderData.pending} result={reviewResult} />

      {panel.canEdit && panel.options && (
        <section
          aria-labelledby="editor-tools"
          className="rounded-lg border-2 border-brand-light p-4 print:hidden"
          key={location.key}
        >
          <h2 id="editor-tools" className="text-xl font-semibold">
            {t("tracking.editorTools")}
          </h2>
          {result?.awaitingReview && (
            <FormMessage kind="error">{t("signOff.awaitingConflict")}</FormMessage>
          )}
          <EditorPanel
            // Open at once where nothing has been recorded yet: the first thing to do there.
            open={
              result?.intent === "status" ||
              !(panel.hasEarlier || panel.timeline.some((entry) => entry.type === "status_change"))
            }
            label={t("tracking.statusForm.title")}
          >
            <StatusForm
              status={item.status}
              version={item.version}
              today={today}
              evidence={panel.evidence.map((evidence) => ({
                id: evidence.id,
                title: evidence.title,
                kind: evidence.kind,
              }))}
              result={resultFor("status")}
            />
          </EditorPanel>
          <EditorPanel
            open={result?.intent === "evidence-add"}
            label={t("tracking.evidenceForm.title")}
          >
            <EvidenceForm result={resultFor("evidence-add")} today={today} />
          </EditorPanel>
          <EditorPanel
            open={result?.intent === "tracking"}
            label={t("tracking.trackingForm.title")}
          >
            <TrackingForm
              current={{
                statusOfficial: item.statusOfficial,
                statusOfficialAsOf: dayOf(item.statusOfficialAsOf),
                actors: item.actors.map((actor) => actor.code),
                goals: item.goals.map((goal) => goal.code),
                tags: item.tags.map((tag) => tag.slug),
                priority: item.priority,
                dueDate: dayOf(item.dueDate),
                statusNote: item.statusNote,
              }}
              version={item.version}
              options={panel.options}
              result={resultFor("tracking")}
            />
          </EditorPanel>
          <EditorPanel open={result?.intent === "note-add"} label={t("tracking.notes.add")}>
            <NoteForm result={resultFor("note-add")} />
          </EditorPanel>
        </section>
      )}

      <section aria-labelledby="evidence-heading" className="rounded-lg border border-gray-200 p-4">
        <h2 id="evidence-heading" className="text-lg font-semibold">
          {t("tracking.evidence.title")}
        </h2>
        <EvidenceList
          evidence={panel.evidence}
          canEdit={panel.canEdit}
          result={result}
          returnTo={`/recommendations/${encodeURIComponent(item.id)}`}
        />
      </section>

      <section aria-labelledby="timeline-heading" className="rounded-lg border border-gray-200 p-4">
        <h2 id="timeline-heading" className="text-lg font-semibold">
          {t("tracking.timeline.title")}
        </h2>
        <div className="mt-1">
          <FeedLink target={{ filters: {}, item: item.id }} />
        </div>
        <Timeline
          entries={panel.timeline}
          notes={panel.editableNotes}
          userId={user?.id ?? null}
          isAdmin={panel.isAdmin}
          result={result}
        />
        {panel.hasEarlier && (
          <p className="mt-4 print:hidden">
            <Link to="?timeline=all#timeline-heading" data-testid="timeline-earlier">
              {t("tracking.timeline.earlier", { count: TIMELINE_PAGE })}
            </Link>
          </p>
        )}
      </section>

      <section
        aria-labelledby="verification-heading"
        className="rounded-lg border border-gray-200 p-4"
      >
        <h2 id="verification-heading" className="text-lg font-semibold">
          {t("detail.verification")}
        </h2>
        <dl>
          <Field label={t("detail.verificationLevel")}>
            <span data-testid="verification-level">
              {t(`verificationLevel.${item.verificationLevel}`)}
            </span>
            <p className="text-sm text-gray-700">
              {t(`verificationHelp.${item.verificationLevel}`)}
            </p>
          </Field>
          <Field label={t("detail.verification")}>
            {item.verified ? t("detail.verified") : t("detail.unverified")}
          </Field>
          {item.verificationNotes && (
            <Field label={t("detail.verificationNotes")}>
              <p lang="en">{item.verificationNotes}</p>
            </Field>
          )}
          <Field label={t("detail.readAt")}>
            <a
              href={item.sourceUrl}
              rel="noopener noreferrer"
              target="_blank"
              className="break-all"
            >
              {item.sourceUrl}
            </a>
          </Field>
          {item.otherUrls.length > 0 && (
            <Field label={t("detail.otherUrls")}>
              <ul className="list-disc pl-5">
                {item.otherUrls.map((url) => (
                  <li key={url}>
                    <a href={url} rel="noopener noreferrer" target="_blank" className="break-all">
                      {url}
                    </a>
                  </li>
                ))}
              </ul>
            </Field>
          )}
        </dl>
      </section>

      <FollowForm target={{ kind: "item", target: item.id }} />

      {loaderData.embeds && (
        <EmbedCode kind="recommendations" code={item.id} title={localizedReference(locale, item)} />
      )}
    </article>
  );
}

export const meta: Route.MetaFunction = ({ loaderData, matches, params }) => [
  ...titleMeta(loaderData),
  feedLinkMeta(matches, "", params.id),
];

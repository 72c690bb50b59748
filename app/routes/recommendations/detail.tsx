import { Link } from "react-router";
import type { Route } from "./+types/detail";
import { StatusBadge } from "#app/components/status-badge.tsx";
import { getRecommendation } from "#app/modules/recommendations/detail.server.ts";
import { notFoundUnless } from "#app/utils/http.server.ts";
import { formatDate, localizedTitle, translator, useLocale, useT } from "#app/utils/i18n.ts";
import { requireReader } from "#app/modules/auth/auth.server.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { titleMeta } from "#app/utils/meta.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  requireReader(context, request);
  const locale = await getLocale(request);
  const recommendation = notFoundUnless(await getRecommendation(params.id));
  const t = translator(locale);
  return {
    recommendation,
    pageTitle: localizedTitle(locale, recommendation),
    appName: t("app.name"),
  };
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="py-2">
      <dt className="text-sm font-semibold text-gray-700">{label}</dt>
      <dd className="mt-1">{children}</dd>
    </div>
  );
}

export default function RecommendationPage({ loaderData }: Route.ComponentProps) {
  const { recommendation: item } = loaderData;
  const t = useT();
  const locale = useLocale();
  const showsSpanishTitle = locale === "es" && Boolean(item.titleEs);
  return (
    <article className="space-y-6">
      <p>
        <Link to="/recommendations">← {t("detail.backToList")}</Link>
      </p>
      <header>
        <p className="text-sm font-semibold text-gray-700">
          <span className="sr-only">{t("detail.reference")}: </span>
          {item.reference}
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
          {!item.verified && (
            <span className="rounded-full border border-status-stalled-fg px-2.5 py-0.5 text-xs font-semibold text-status-stalled-fg">
              {t("detail.unverified")}
            </span>
          )}
        </div>
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
            </Field>
            {item.statusNote && (
              <Field label={t("detail.statusNote")}>
                <span lang="en">{item.statusNote}</span>
              </Field>
            )}
            <Field label={t("detail.lastVerified")}>
              {item.lastVerifiedAt
                ? formatDate(locale, item.lastVerifiedAt)
                : t("detail.neverVerified")}
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
                    {actor.code}
                  </Link>{" "}
                  – {locale === "es" && actor.nameEs ? actor.nameEs : actor.name}
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
        </dl>
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
    </article>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);

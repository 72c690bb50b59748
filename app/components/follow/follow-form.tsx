import { Link, useFetcher, useLocation, useRouteLoaderData } from "react-router";
import {
  FieldShell,
  FormMessage,
  inputClass,
  SubmitButton,
  TextField,
  useErrorText,
} from "#app/components/ui/field.tsx";
import { frequencies, type FollowTarget } from "#app/modules/follow/targets.ts";
import { actorLabel, locales, useLocale, useT, type Locale } from "#app/utils/i18n.ts";
import { useOptionalUser } from "#app/utils/user.ts";

/** What POST /follow answers (routes/follow/follow.tsx), to the form or to its own page. */
export type FollowActionData = {
  outcome?: "following" | "check-inbox" | "rate-limited" | "mail-failed";
  email?: string;
  retryAfter?: number;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
};

/** An actor's name as the filter menus show it, for the form's words ("the items of ATF"). */
export function actorNameOf(
  actors: Array<{
    code: string;
    name: string;
    nameEs: string | null;
    abbreviation?: string | null;
  }>,
  code: string | undefined,
  locale: Locale,
): string | undefined {
  const actor = code ? actors.find((one) => one.code.toLowerCase() === code.toLowerCase()) : null;
  return actor ? actorLabel(locale, actor) : undefined;
}

/** Whether the tracker sends mail (the root loader says so): following is offered only then. */
export function useMailEnabled(): boolean {
  const data = useRouteLoaderData("root") as { mail?: boolean } | undefined;
  return Boolean(data?.mail);
}

/** The result of a follow request, in words, as the form and the /follow page show it. */
export function FollowResult({ result }: { result: FollowActionData }) {
  const t = useT();
  const user = useOptionalUser();
  const errorText = useErrorText();
  const formErrors = [
    ...(result.fieldErrors?.kind ?? []),
    ...(result.fieldErrors?.target ?? []),
    ...(result.fieldErrors?.form ?? []),
  ];
  if (formErrors.length > 0) {
    return <FormMessage kind="error">{formErrors.map(errorText).join(" ")}</FormMessage>;
  }
  switch (result.outcome) {
    case "following":
      return (
        <FormMessage kind="success">
          {t("follow.result.following")}{" "}
          {user && <Link to="/following">{t("follow.result.manage")}</Link>}
        </FormMessage>
      );
    case "check-inbox":
      return (
        <FormMessage kind="success">
          {t("follow.result.checkInbox", { email: result.email ?? "" })}
        </FormMessage>
      );
    case "rate-limited":
      return (
        <FormMessage kind="error">
          {t("follow.result.rateLimited", {
            minutes: Math.max(1, Math.ceil((result.retryAfter ?? 60) / 60)),
          })}
        </FormMessage>
      );
    case "mail-failed":
      return <FormMessage kind="error">{t("follow.result.mailFailed")}</FormMessage>;
    default:
      return null;
  }
}

/**
 * "Follow by e-mail" for what a page shows: how often, the mail's language (the page's by
 * default) and, for visitors, their address. Posts to /follow in place (the page stays as it
 * is, with what was typed); without JavaScript, /follow answers with a page of its own. Shown
 * only when the tracker sends mail.
 */
export function FollowForm({
  target,
  actorName,
}: {
  target: FollowTarget | null;
  actorName?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const user = useOptionalUser();
  const location = useLocation();
  const mail = useMailEnabled();
  const fetcher = useFetcher<FollowActionData>({
    key: target ? `follow-${target.kind}-${target.target}` : "follow-none",
  });
  if (!mail || !target) return null;
  const result = fetcher.data;
  const errors = result?.fieldErrors;
  const what =
    target.kind === "item" || target.kind === "filter"
      ? t(`follow.form.what.${target.kind}`)
      : target.kind === "actor"
        ? t("follow.form.what.actor", { name: actorName ?? target.target })
        : t(`follow.form.what.${target.kind}`, { code: target.target });
  const busy = fetcher.state !== "idle";
  return (
    <details
      className="mt-6 rounded-lg border border-gray-200 p-4 print:hidden"
      open={Boolean(result) || undefined}
      data-testid="follow-form"
    >
      <summary className="cursor-pointer font-semibold">{t("follow.form.heading")}</summary>
      <p className="mt-2 text-sm text-gray-700">{t("follow.form.intro", { what })}</p>
      <fetcher.Form method="post" action="/follow" className="mt-2">
        <input type="hidden" name="kind" value={target.kind} />
        <input type="hidden" name="target" value={target.target} />
        <input type="hidden" name="returnTo" value={`${location.pathname}${location.search}`} />
        <div className="flex flex-wrap items-start gap-x-6">
          <fieldset className="mt-4">
            <legend className="text-sm font-semibold">{t("follow.form.frequency")}</legend>
            <div className="mt-1 flex gap-4">
              {frequencies.map((frequency) => (
                <label key={frequency} className="flex items-center gap-2">
                  <input
                    type="radio"
                    name="frequency"
                    value={frequency}
                    defaultChecked={frequency === (result?.values?.frequency ?? "weekly")}
                    className="h-5 w-5"
                  />
                  {t(`follow.frequency.${frequency}`)}
                </label>
              ))}
            </div>
            {errors?.frequency && (
              <p className="mt-1 text-sm font-medium text-status-not-implemented-fg">
                {t("follow.errors.frequency")}
              </p>
            )}
          </fieldset>
          <FieldShell label={t("follow.form.language")} errors={errors?.locale}>
            {(control) => (
              <select
                {...control}
                name="locale"
                defaultValue={result?.values?.locale ?? locale}
                className={inputClass}
              >
                {locales.map((option) => (
                  <option key={option} value={option} lang={option}>
                    {option === "en" ? "English" : "Español"}
                  </option>
                ))}
              </select>
            )}
          </FieldShell>
        </div>
        {user ? (
          <p className="mt-4 text-sm text-gray-700">{t("follow.form.signedInNote")}</p>
        ) : (
          <TextField
            name="email"
            type="email"
            autoComplete="email"
            required
            maxLength={320}
            label={t("follow.form.email")}
            hint={t("follow.form.emailHint")}
            defaultValue={result?.values?.email ?? ""}
            errors={errors?.email}
            className="mt-4 max-w-md"
          />
        )}
        <div className="mt-4">
          <SubmitButton disabled={busy}>
            {busy ? t("follow.form.sending") : t("follow.form.submit")}
          </SubmitButton>
        </div>
      </fetcher.Form>
      <div aria-live="polite">{result && !busy && <FollowResult result={result} />}</div>
    </details>
  );
}

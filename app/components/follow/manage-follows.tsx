import { Form, Link } from "react-router";
import { FormMessage, inputClass, SubmitButton, useErrorText } from "#app/components/ui/field.tsx";
import type { FollowerView } from "#app/modules/follow/follow.server.ts";
import type { ManageActionData } from "#app/modules/follow/manage-actions.server.ts";
import { frequencies } from "#app/modules/follow/targets.ts";
import { locales, useT } from "#app/utils/i18n.ts";

/**
 * What one follows, to change: each follow with how often its digest comes (and a button to stop
 * it), the mail's language, and unsubscribing from everything. Every form posts to the page it is
 * on (/following/<token> or /following), which knows whose follows these are.
 */
export function ManageFollows({
  view,
  intro,
  result,
  notice,
}: {
  view: FollowerView;
  intro: string;
  result?: ManageActionData;
  notice?: string;
}) {
  const t = useT();
  const errorText = useErrorText();
  const message = result?.message;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("follow.manage.title")}</h1>
      <p>{intro}</p>
      {notice && <FormMessage kind="success">{notice}</FormMessage>}
      {!view.confirmed && (
        <p className="rounded border-l-4 border-brand bg-brand-light px-3 py-2" role="note">
          {t("follow.manage.pending")}
        </p>
      )}
      {message && (
        <FormMessage kind={message.kind}>
          {message.kind === "error" ? errorText(message.key) : t(message.key, message.params)}
        </FormMessage>
      )}

      {view.follows.length === 0 ? (
        <p className="rounded border border-gray-200 p-4" data-testid="follows-none">
          {t("follow.manage.none")}
        </p>
      ) : (
        <ul className="space-y-3" aria-label={t("follow.manage.caption")}>
          {view.follows.map((follow) => (
            <li
              key={follow.id}
              className="rounded-lg border border-gray-200 p-3"
              data-testid="follow-row"
            >
              <div className="text-sm text-gray-700">{t(`follow.kinds.${follow.kind}`)}</div>
              <Link to={follow.href} className="font-semibold break-words">
                {follow.label}
              </Link>
              <div className="mt-2 flex flex-wrap items-end gap-3">
                <Form method="post" className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="intent" value="frequency" />
                  <input type="hidden" name="followId" value={follow.id} />
                  <div>
                    <label
                      htmlFor={`frequency-${follow.id}`}
                      className="block text-sm font-semibold"
                    >
                      {t("follow.manage.columns.frequency")}
                    </label>
                    <select
                      id={`frequency-${follow.id}`}
                      name="frequency"
                      key={follow.frequency}
                      defaultValue={follow.frequency}
                      aria-label={t("follow.manage.frequencyFor", { what: follow.label })}
                      className={inputClass}
                    >
                      {frequencies.map((frequency) => (
                        <option key={frequency} value={frequency}>
                          {t(`follow.frequency.${frequency}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <SubmitButton
                    variant="secondary"
                    aria-label={t("follow.manage.saveFrequencyFor", { what: follow.label })}
                  >
                    {t("follow.manage.saveFrequency")}
                  </SubmitButton>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="followId" value={follow.id} />
                  <SubmitButton
                    variant="secondary"
                    aria-label={t("follow.manage.removeLabel", { what: follow.label })}
                  >
                    {t("follow.manage.remove")}
                  </SubmitButton>
                </Form>
              </div>
            </li>
          ))}
        </ul>
      )}

      <section aria-labelledby="follow-language" className="rounded-lg border border-gray-200 p-4">
        <h2 id="follow-language" className="text-lg font-semibold">
          {t("follow.manage.languageTitle")}
        </h2>
        <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="locale" />
          <select
            name="locale"
            key={view.locale}
            defaultValue={view.locale}
            aria-label={t("follow.manage.languageTitle")}
            className={`${inputClass} w-auto`}
          >
            {locales.map((option) => (
              <option key={option} value={option} lang={option}>
                {option === "en" ? "English" : "Español"}
              </option>
            ))}
          </select>
          <SubmitButton variant="secondary">{t("follow.manage.saveLanguage")}</SubmitButton>
        </Form>
      </section>

      <section
        aria-labelledby="follow-unsubscribe"
        className="rounded-lg border border-gray-200 p-4"
      >
        <h2 id="follow-unsubscribe" className="text-lg font-semibold">
          {t("follow.manage.unsubscribeTitle")}
        </h2>
        <p className="mt-1 text-sm text-gray-700">{t("follow.manage.unsubscribeHint")}</p>
        <Form method="post" className="mt-2">
          <input type="hidden" name="intent" value="unsubscribe" />
          <SubmitButton variant="danger">{t("follow.manage.unsubscribeAll")}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}

/** The page for a link that does not work (unknown or expired). */
export function InvalidLink() {
  const t = useT();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("follow.confirm.invalidTitle")}</h1>
      <p>{t("follow.confirm.invalid")}</p>
      <p>
        <Link to="/">{t("errors.goHome")}</Link>
      </p>
    </div>
  );
}

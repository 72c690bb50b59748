import { Form, Link } from "react-router";
import { StatusBadge } from "#app/components/status-badge.tsx";
import {
  FieldShell,
  FormMessage,
  inputClass,
  SubmitButton,
  valueOf,
} from "#app/components/ui/field.tsx";
import type { RelationActionResult } from "#app/modules/relations/relation-intents.ts";
import type { RelatedItem } from "#app/modules/relations/relations.server.ts";
import { relationLabelKey, relationTypes } from "#app/modules/relations/relation-types.ts";
import { localizedReference, localizedTitle, useLocale, useT } from "#app/utils/i18n.ts";

/**
 * An item's related items, both ways ("follows up", "followed up by"), each with the other
 * item's link, source, status and the reason; for staff who edit, a form to link another item
 * and a button to remove each link.
 */
export function RelatedItems({
  items,
  canEdit,
  result,
}: {
  items: RelatedItem[];
  canEdit: boolean;
  result?: RelationActionResult;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <section
      aria-labelledby="related-heading"
      className="rounded-lg border border-gray-200 p-4"
      data-testid="related-items"
    >
      <h2 id="related-heading" className="text-lg font-semibold">
        {t("related.heading")}
      </h2>
      <p className="mt-1 text-sm text-gray-700">{t("related.intro")}</p>
      {items.length === 0 ? (
        <p className="mt-2">{t("related.none")}</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {items.map((item) => {
            const reference = localizedReference(locale, item.other);
            return (
              <li
                key={`${item.relationId}-${item.direction}`}
                className="border-l-4 border-gray-300 pl-3"
                data-testid="related-item"
              >
                <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <span className="font-semibold">
                    {t(relationLabelKey(item.type, item.direction))}
                  </span>
                  {item.other.archived ? (
                    <span>
                      {reference} ({t("related.archived")})
                    </span>
                  ) : (
                    <Link to={`/recommendations/${encodeURIComponent(item.other.id)}`}>
                      {reference}
                    </Link>
                  )}
                  <span data-testid="related-status">
                    <StatusBadge status={item.other.status} />
                  </span>
                </p>
                <p className="text-sm break-words">{localizedTitle(locale, item.other)}</p>
                <p className="text-sm text-gray-700">
                  {t("related.sourceLabel")}: {item.other.sourceCode}
                </p>
                <p className="text-sm break-words">
                  <span className="font-semibold">{t("related.reasonLabel")}:</span> {item.reason}
                </p>
                {canEdit && (
                  <Form method="post" className="mt-1 print:hidden">
                    <input type="hidden" name="intent" value="relation-remove" />
                    <input type="hidden" name="relationId" value={item.relationId} />
                    <button
                      type="submit"
                      className="text-sm text-status-not-implemented-fg underline"
                      aria-label={t("related.form.removeLabel", { reference })}
                    >
                      {t("related.form.remove")}
                    </button>
                  </Form>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {canEdit && <RelationForm result={result?.intent === "relation-add" ? result : undefined} />}
    </section>
  );
}

function RelationForm({ result }: { result?: RelationActionResult }) {
  const t = useT();
  const errors = result?.fieldErrors ?? {};
  const values = result?.values;
  return (
    <details open={Boolean(result && !result.ok)} className="mt-4 print:hidden">
      <summary className="cursor-pointer font-semibold">{t("related.form.title")}</summary>
      <Form method="post" className="mt-2" data-testid="relation-form">
        <input type="hidden" name="intent" value="relation-add" />
        {errors[""] && <FormMessage kind="error">{errors[""].join(" ")}</FormMessage>}
        <FieldShell label={t("related.form.type")} required errors={errors.type} className="mt-0">
          {(control) => (
            <select
              {...control}
              name="type"
              required
              defaultValue={valueOf(values, "type")}
              className={inputClass}
            >
              <option value="">{t("related.form.chooseType")}</option>
              {relationTypes.flatMap((type) =>
                (type === "same_ask"
                  ? (["outgoing"] as const)
                  : (["outgoing", "incoming"] as const)
                ).map((direction) => (
                  <option
                    key={`${type}:${direction}`}
                    value={direction === "outgoing" ? type : `${type}:incoming`}
                  >
                    {t(relationLabelKey(type, direction))}
                  </option>
                )),
              )}
            </select>
          )}
        </FieldShell>
        <FieldShell
          label={t("related.form.other")}
          required
          hint={t("related.form.otherHint")}
          errors={errors.other}
        >
          {(control) => (
            <input
              {...control}
              name="other"
              required
              maxLength={300}
              defaultValue={valueOf(values, "other")}
              className={inputClass}
            />
          )}
        </FieldShell>
        <FieldShell
          label={t("related.form.reason")}
          required
          hint={t("related.form.reasonHint")}
          errors={errors.reason}
        >
          {(control) => (
            <textarea
              {...control}
              name="reason"
              rows={3}
              required
              maxLength={500}
              defaultValue={valueOf(values, "reason")}
              className={inputClass}
            />
          )}
        </FieldShell>
        <div className="mt-3">
          <SubmitButton>{t("related.form.submit")}</SubmitButton>
        </div>
      </Form>
    </details>
  );
}

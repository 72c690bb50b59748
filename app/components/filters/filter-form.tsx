import { Form, Link } from "react-router";
import { statusOrder } from "#app/components/status-badge.tsx";
import {
  countries,
  SEARCH_MAX,
  type ItemFilters,
  type ParamError,
  type ParamErrors,
} from "#app/modules/recommendations/filters.ts";
import {
  actorLabel,
  localizedTitle,
  useLocale,
  useT,
  type Locale,
  type Translate,
} from "#app/utils/i18n.ts";

/** What the filter menus offer (see listFilterOptions). */
export type FilterMenuOptions = {
  sources: Array<{ code: string; title: string; titleEs: string | null }>;
  goals: Array<{ code: string; title: string; titleEs: string | null }>;
  actors: Array<{
    code: string;
    name: string;
    nameEs: string | null;
    abbreviation?: string | null;
  }>;
  tags: Array<{ slug: string; name: string; nameEs: string | null }>;
};

const filterInputClass =
  "mt-1 block w-full min-w-0 rounded border border-gray-400 bg-white px-2 py-1.5 text-sm aria-[invalid=true]:border-status-not-implemented-solid";

/** A parameter's error in the reader's language, tied to its field for screen readers. */
export function ParamErrorText({ id, error }: { id: string; error: ParamError | undefined }) {
  const t = useT();
  if (!error) return null;
  return (
    <p id={id} className="mt-1 text-sm font-semibold text-status-not-implemented-fg">
      {t(error.key, error.values)}
    </p>
  );
}

/**
 * The filters every catalogue view shares (search, source, goal, actor, country, status, tag,
 * related items), as a GET form, with each invalid parameter's message next to its field.
 * `children` adds the page's own fields (sort, dates, language…) inside the same form.
 */
export function FilterForm({
  action,
  values,
  errors,
  options,
  clearHref,
  submitLabel,
  search = true,
  children,
  footer,
}: {
  action: string;
  values: ItemFilters;
  errors: ParamErrors;
  options: FilterMenuOptions;
  /** Where "Clear filters" goes; no link when nothing is filtered. */
  clearHref?: string;
  submitLabel?: string;
  search?: boolean;
  children?: React.ReactNode;
  /** Below the fields, before the buttons. */
  footer?: React.ReactNode;
}) {
  const t = useT();
  const locale = useLocale();
  const name = (item: { name: string; nameEs: string | null }) =>
    locale === "es" && item.nameEs ? item.nameEs : item.name;
  return (
    <Form
      method="get"
      action={action}
      className="mt-4 rounded-lg border border-gray-200 bg-gray-50 p-4 print:hidden"
      role="search"
      aria-label={t("filters.label")}
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {search && (
          <SearchField
            value={values.q}
            error={errors.q}
            placeholder={t("filters.searchPlaceholder")}
          />
        )}
        <FilterSelect
          name="source"
          label={t("filters.source")}
          value={values.source}
          errors={errors}
        >
          {options.sources.map((source) => (
            <option key={source.code} value={source.code}>
              {source.code}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect name="goal" label={t("filters.goal")} value={values.goal} errors={errors}>
          {options.goals.map((goal) => (
            <option key={goal.code} value={goal.code}>
              {goal.code} – {localizedTitle(locale, goal)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect name="actor" label={t("filters.actor")} value={values.actor} errors={errors}>
          {options.actors.map((actor) => (
            <option key={actor.code} value={actor.code}>
              {actor.abbreviation ? `${actor.abbreviation} – ${name(actor)}` : name(actor)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          name="country"
          label={t("filters.country")}
          value={values.country}
          errors={errors}
        >
          {countries.map((country) => (
            <option key={country} value={country}>
              {t(`country.${country}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          name="status"
          label={t("filters.status")}
          value={values.status}
          errors={errors}
        >
          {statusOrder.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect name="tag" label={t("filters.tag")} value={values.tag} errors={errors}>
          {options.tags.map((tag) => (
            <option key={tag.slug} value={tag.slug}>
              {name(tag)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          name="related"
          label={t("filters.related")}
          value={values.related}
          errors={errors}
        >
          <option value="yes">{t("related.filter.yes")}</option>
          <option value="no">{t("related.filter.no")}</option>
        </FilterSelect>
        {children}
      </div>
      {footer}
      <div className="mt-3 flex flex-wrap items-center gap-4">
        <button
          type="submit"
          className="rounded bg-brand px-4 py-2 text-sm font-semibold text-white hover:bg-brand-dark"
        >
          {submitLabel ?? t("filters.apply")}
        </button>
        {clearHref && (
          <Link to={clearHref} className="text-sm">
            {t("filters.clear")}
          </Link>
        )}
      </div>
    </Form>
  );
}

/** A select of the filter form, with "Any" first and its error below. */
/** The search words (`q`) of a list's filter form, with its error and an optional hint. */
export function SearchField({
  value,
  error,
  placeholder,
  hint,
}: {
  value: string | undefined;
  error: ParamError | undefined;
  placeholder?: string;
  hint?: string;
}) {
  const t = useT();
  const describedBy = [hint ? "filter-q-hint" : "", error ? "filter-q-error" : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="text-sm font-medium sm:col-span-2">
      <label htmlFor="filter-q">{t("filters.search")}</label>
      <input
        id="filter-q"
        type="search"
        name="q"
        maxLength={SEARCH_MAX}
        defaultValue={value ?? ""}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className={filterInputClass}
      />
      {hint && (
        <p id="filter-q-hint" className="mt-1 text-xs font-normal text-gray-700">
          {hint}
        </p>
      )}
      <ParamErrorText id="filter-q-error" error={error} />
    </div>
  );
}

export function FilterSelect({
  name,
  label,
  value,
  errors,
  any = true,
  children,
}: {
  name: string;
  label: string;
  value: string | undefined;
  errors: ParamErrors;
  any?: boolean;
  children: React.ReactNode;
}) {
  const t = useT();
  const error = errors[name];
  return (
    <div className="text-sm font-medium">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select
        id={`filter-${name}`}
        name={name}
        defaultValue={value ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `filter-${name}-error` : undefined}
        className={filterInputClass}
      >
        {any && <option value="">{t("filters.any")}</option>}
        {children}
      </select>
      <ParamErrorText id={`filter-${name}-error`} error={error} />
    </div>
  );
}

/** A date field of the filter form (as-of date, period bounds), with its error below. */
export function FilterDate({
  name,
  label,
  hint,
  value,
  max,
  errors,
}: {
  name: string;
  label: string;
  hint?: string;
  value: string | undefined | null;
  max?: string;
  errors: ParamErrors;
}) {
  const error = errors[name];
  const describedBy = [hint ? `filter-${name}-hint` : "", error ? `filter-${name}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="text-sm font-medium">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <input
        id={`filter-${name}`}
        type="date"
        name={name}
        defaultValue={value ?? ""}
        max={max}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className={filterInputClass}
      />
      {hint && (
        <p id={`filter-${name}-hint`} className="mt-1 text-xs font-normal text-gray-700">
          {hint}
        </p>
      )}
      <ParamErrorText id={`filter-${name}-error`} error={error} />
    </div>
  );
}

/**
 * The filters in words, for the headings of the dashboard, what changed and the reports page:
 * "Source: GAO-21-322 · Responsible actor: Government of Mexico". Actors and tags are named as
 * the menus name them (readers do not know internal codes such as MX-GOV); sources and goals
 * keep the codes that readers know.
 */
export function describeFilters(
  filters: ItemFilters,
  t: Translate,
  locale: Locale,
  options: Pick<FilterMenuOptions, "actors" | "tags">,
): Array<{ label: string; value: string }> {
  const same = (a: string) => (b: string) => a.toLowerCase() === b.toLowerCase();
  const named = (item: { name: string; nameEs: string | null }) =>
    locale === "es" && item.nameEs ? item.nameEs : item.name;
  const parts: Array<{ label: string; value: string }> = [];
  if (filters.q) parts.push({ label: t("filters.search"), value: `“${filters.q}”` });
  if (filters.source) parts.push({ label: t("filters.source"), value: filters.source });
  if (filters.goal) parts.push({ label: t("filters.goal"), value: filters.goal });
  if (filters.actor) {
    const actor = options.actors.find((option) => same(option.code)(filters.actor!));
    parts.push({
      label: t("filters.actor"),
      value: actor ? actorLabel(locale, actor) : filters.actor,
    });
  }
  if (filters.country) {
    parts.push({ label: t("filters.country"), value: t(`country.${filters.country}`) });
  }
  if (filters.status) {
    parts.push({ label: t("filters.status"), value: t(`status.${filters.status}`) });
  }
  if (filters.tag) {
    const tag = options.tags.find((option) => same(option.slug)(filters.tag!));
    parts.push({ label: t("filters.tag"), value: tag ? named(tag) : filters.tag });
  }
  if (filters.related) {
    parts.push({ label: t("filters.related"), value: t(`related.filter.${filters.related}`) });
  }
  return parts;
}

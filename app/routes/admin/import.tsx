import { data, Form, Link, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/import";
import { AdminNav } from "#app/components/admin-nav.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { FieldShell, FormMessage, inputClass, SubmitButton } from "#app/components/ui/field.tsx";
import { StackedCell, StackedRow, StackedTable } from "#app/components/ui/stacked-table.tsx";
import { requireRole } from "#app/modules/auth/auth.server.ts";
import {
  catalogueUpdateSource,
  commitPreviewed,
  deleteUpload,
  filterList,
  filtered,
  getGaoFilter,
  listImports,
  loadUpload,
  parseUpload,
  previewImport,
  saveGaoFilter,
  saveUpload,
  type GaoFilter,
  type ImportSource,
} from "#app/modules/import/import-records.server.ts";
import {
  previewView,
  type PreviewView,
  type RowView,
} from "#app/modules/import/preview-view.server.ts";
import {
  IMPORT_MAX_BYTES,
  ImportFileError,
  type ImportFileErrorCode,
} from "#app/modules/import/types.ts";
import { formatDate, formatDateTime, translator, useLocale, useT } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { cleanFileName } from "#app/utils/file-type.server.ts";
import { readFormData } from "#app/utils/upload.server.ts";

/** The file and the form's few fields around it. */
const MAX_BODY_BYTES = IMPORT_MAX_BYTES + 256 * 1024;

export async function loader({ request, context }: Route.LoaderArgs) {
  requireRole(context, request, "admin");
  const t = translator(await getLocale(request));
  const done = new URL(request.url).searchParams.get("done");
  const imports = await listImports();
  return {
    imports,
    done: imports.find((row) => row.id === done) ?? null,
    catalogueAvailable: catalogueUpdateSource() !== null,
    pageTitle: t("import.title"),
    appName: t("app.name"),
  };
}

type FileErrorCode = ImportFileErrorCode | "noFile" | "expired";
type ActionResult =
  | { type: "fileError"; code: FileErrorCode; details: Record<string, string | number> }
  | { type: "preview"; preview: PreviewView };

const fileErrorStatus: Record<FileErrorCode, number> = {
  empty: 400,
  noFile: 400,
  expired: 400,
  tooLarge: 413,
  tooManyRows: 413,
  notSpreadsheet: 422,
  encoding: 422,
  zipBomb: 422,
  macros: 422,
  noHeader: 422,
  missingColumns: 422,
  duplicateColumn: 422,
};

function fileError(code: FileErrorCode, details: Record<string, string | number> = {}) {
  return data<ActionResult>(
    { type: "fileError", code, details },
    { status: fileErrorStatus[code] },
  );
}

/** The status of what readFormData throws when the body is over its limit. */
function thrownStatus(error: unknown): number | null {
  if (error instanceof Response) return error.status;
  if (error && typeof error === "object") {
    const init = (error as { init?: { status?: number } | null }).init;
    if (init?.status) return init.status;
    const status = (error as { status?: unknown }).status;
    if (typeof status === "number") return status;
  }
  return null;
}

const texts = (form: FormData, name: string) =>
  form.getAll(name).filter((value): value is string => typeof value === "string");

/** Agency → choice, from the preview's paired fields. */
function mappingsOf(form: FormData): Record<string, string> {
  const names = texts(form, "agency");
  const choices = texts(form, "agencyActor");
  return Object.fromEntries(
    names.flatMap((name, index) => (choices[index] ? [[name, choices[index]!]] : [])),
  );
}

/** The upload read as an import file, or the page's message for a file refused whole. */
async function parsedOrRefusal(upload: { fileName: string; bytes: Uint8Array }) {
  try {
    return { parsed: await parseUpload(upload) };
  } catch (error) {
    if (error instanceof ImportFileError) return { refusal: fileError(error.code, error.details) };
    throw error;
  }
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireRole(context, request, "admin");
  const locale = await getLocale(request);
  let form: FormData;
  try {
    form = await readFormData(request, MAX_BODY_BYTES);
  } catch (error) {
    if (thrownStatus(error) === 413) return fileError("tooLarge");
    throw error;
  }
  const intent = form.get("intent");

  const show = async (
    source: ImportSource,
    options: {
      uploadId: string | null;
      filter: GaoFilter;
      mappings: Record<string, string>;
      notice?: PreviewView["notice"];
      status?: number;
    },
  ) => {
    const plan = await previewImport(source, {
      locale,
      filter: options.filter,
      actorMappings: options.mappings,
    });
    const parsed = source.kind === "file" ? source.parsed : null;
    const kept = parsed?.format === "gao" ? filtered(parsed, options.filter) : null;
    const preview = await previewView({
      plan,
      locale,
      source: source.kind,
      uploadId: options.uploadId,
      fileName: parsed?.fileName ?? (source.kind === "catalogue" ? source.fileName : ""),
      sha256: parsed?.sha256 ?? (source.kind === "catalogue" ? source.sha256 : ""),
      parsed,
      gao:
        parsed?.format === "gao" && kept?.format === "gao"
          ? {
              publications: options.filter.publications.join("\n"),
              words: options.filter.words.join("\n"),
              kept: kept.recommendations.length,
              total: parsed.recommendations.length,
            }
          : null,
      mappings: options.mappings,
      notice: options.notice ?? null,
    });
    return data<ActionResult>({ type: "preview", preview }, { status: options.status ?? 200 });
  };

  if (intent === "upload") {
    const file = form.get("file");
    if (!(file instanceof File) || (file.size === 0 && !file.name)) return fileError("noFile");
    const bytes = new Uint8Array(await file.arrayBuffer());
    const fileName = cleanFileName(file.name, "import");
    const { parsed, refusal } = await parsedOrRefusal({ fileName, bytes });
    if (refusal) return refusal;
    const upload = await saveUpload(user.id, fileName, bytes);
    return show(
      { kind: "file", parsed },
      {
        uploadId: upload.id,
        filter: await getGaoFilter(user.id),
        mappings: {},
      },
    );
  }

  if (intent === "preview" || intent === "commit") {
    const scope = form.get("scope") === "catalogue" ? "catalogue" : "file";
    let source: ImportSource;
    let uploadId: string | null = null;
    let filter: GaoFilter = { publications: [], words: [] };
    if (scope === "catalogue") {
      const catalogue = catalogueUpdateSource();
      if (!catalogue) return fileError("expired");
      source = catalogue;
    } else {
      const upload = await loadUpload(user.id, String(form.get("uploadId") ?? ""));
      if (!upload) return fileError("expired");
      uploadId = upload.id;
      const { parsed, refusal } = await parsedOrRefusal(upload);
      if (refusal) return refusal;
      source = { kind: "file", parsed };
      if (parsed.format === "gao") {
        filter = {
          publications: filterList(String(form.get("publications") ?? "")).map((code) =>
            code.toUpperCase(),
          ),
          words: filterList(String(form.get("words") ?? "")),
        };
        await saveGaoFilter(user.id, filter);
      }
    }
    const mappings = mappingsOf(form);
    if (intent === "preview") return show(source, { uploadId, filter, mappings });

    const groups = texts(form, "group");
    const includedGroups = new Set(texts(form, "includeGroup"));
    const result = await commitPreviewed(source, {
      locale,
      filter,
      actorMappings: mappings,
      actorId: user.id,
      expectedFingerprint: String(form.get("fingerprint") ?? ""),
      selection: {
        includeKeys: texts(form, "include"),
        excludeGroups: groups.filter((group) => !includedGroups.has(group)),
        acceptConflicts: texts(form, "accept"),
      },
    });
    if (result.kind === "committed") {
      if (uploadId) await deleteUpload(user.id, uploadId);
      return redirect(`/admin/import?done=${result.importId}`);
    }
    if (result.kind === "stale") {
      return show(source, { uploadId, filter, mappings, notice: { kind: "stale" }, status: 409 });
    }
    return show(source, {
      uploadId,
      filter,
      mappings,
      notice: {
        kind: "errors",
        rows: result.rows.map((row) => row.rowNumbers.join(", ")).join("; "),
      },
      status: 422,
    });
  }

  return data<ActionResult>(
    { type: "fileError", code: "noFile", details: { field: "intent" } },
    { status: 400 },
  );
}

export default function ImportPage({ loaderData, actionData }: Route.ComponentProps) {
  const { imports, done, catalogueAvailable } = loaderData;
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const result = actionData as ActionResult | undefined;
  return (
    <div>
      <AdminNav />
      <h1 className="text-3xl font-bold">{t("import.title")}</h1>
      <p className="mt-2 max-w-3xl text-gray-700">{t("import.intro")}</p>

      {done && (
        <FormMessage kind="success">
          {t("import.done", {
            file: done.fileName,
            created: done.created,
            updated: done.updated,
            unchanged: done.unchanged,
          })}{" "}
          <Link to={`/admin/import/${done.id}`}>{t("import.history.details")}</Link>
        </FormMessage>
      )}

      <section
        aria-labelledby="upload-heading"
        className="mt-6 rounded-lg border border-gray-200 p-4"
      >
        <h2 id="upload-heading" className="text-lg font-semibold">
          {t("import.upload.heading")}
        </h2>
        <Form method="post" encType="multipart/form-data" className="mt-3">
          <input type="hidden" name="intent" value="upload" />
          <label htmlFor="import-file" className="block text-sm font-medium">
            {t("import.upload.file")}
          </label>
          <input
            id="import-file"
            type="file"
            name="file"
            required
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className={inputClass}
            aria-invalid={result?.type === "fileError" ? true : undefined}
            aria-describedby={result?.type === "fileError" ? "import-file-error" : undefined}
          />
          <div className="mt-3">
            <SubmitButton disabled={busy}>{t("import.upload.submit")}</SubmitButton>
          </div>
        </Form>
        <p className="mt-3 text-sm">
          {t("import.upload.templates")}{" "}
          <a href="/admin/import/template.csv" download>
            {t("import.upload.templateCsv")}
          </a>
          {" · "}
          <a href="/admin/import/template.xlsx" download>
            {t("import.upload.templateXlsx")}
          </a>
        </p>
        {result?.type === "fileError" && (
          <div id="import-file-error">
            <FormMessage kind="error">
              <p className="font-semibold">{t("import.fileErrors.heading")}</p>
              <p>
                {t(`import.fileErrors.${result.code}`, {
                  column: String(result.details.column ?? result.details.header ?? ""),
                })}
              </p>
            </FormMessage>
          </div>
        )}
      </section>

      {result?.type === "preview" && <Preview preview={result.preview} busy={busy} />}

      <section
        aria-labelledby="catalogue-heading"
        className="mt-6 rounded-lg border border-gray-200 p-4"
      >
        <h2 id="catalogue-heading" className="text-lg font-semibold">
          {t("import.catalogue.heading")}
        </h2>
        <p className="mt-1 text-sm text-gray-700">{t("import.catalogue.intro")}</p>
        {catalogueAvailable ? (
          <Form method="post" className="mt-3">
            <input type="hidden" name="scope" value="catalogue" />
            <SubmitButton name="intent" value="preview" variant="secondary" disabled={busy}>
              {t("import.catalogue.preview")}
            </SubmitButton>
          </Form>
        ) : (
          <p className="mt-2 text-sm">{t("import.catalogue.unavailable")}</p>
        )}
      </section>

      <section aria-labelledby="history-heading" className="mt-8">
        <h2 id="history-heading" className="text-xl font-semibold">
          {t("import.history.heading")}
        </h2>
        {imports.length === 0 ? (
          <p className="mt-2">{t("import.history.none")}</p>
        ) : (
          <StackedTable
            caption={t("import.history.heading")}
            className="mt-3"
            columns={[
              { label: t("import.history.when") },
              { label: t("import.history.who") },
              { label: t("import.history.file") },
              { label: t("import.preview.sha256") },
              { label: t("import.history.counts") },
              { label: t("import.history.details"), className: "py-2" },
            ]}
          >
            {imports.map((row) => (
              <StackedRow key={row.id} testId="import-record">
                <StackedCell>{formatDateTime(locale, row.createdAt)}</StackedCell>
                <StackedCell label={t("import.history.who")}>
                  {row.createdBy?.name ?? "—"}
                </StackedCell>
                <StackedCell label={t("import.history.file")} className="break-all">
                  {row.fileName}
                </StackedCell>
                <StackedCell
                  label={t("import.preview.sha256")}
                  className="font-mono text-xs break-all"
                >
                  {row.sha256.slice(0, 16)}…
                </StackedCell>
                <StackedCell label={t("import.history.counts")}>
                  {row.created} / {row.updated} / {row.unchanged} / {row.errors}
                </StackedCell>
                <StackedCell last>
                  <Link to={`/admin/import/${row.id}`}>{t("import.history.details")}</Link>
                </StackedCell>
              </StackedRow>
            ))}
          </StackedTable>
        )}
      </section>
    </div>
  );
}

function Preview({ preview, busy }: { preview: PreviewView; busy: boolean }) {
  const t = useT();
  const locale = useLocale();
  const { counts } = preview;
  const writable = counts.create + counts.update + counts.errors + preview.sources.length > 0;
  return (
    <section aria-labelledby="preview-heading" className="mt-6 rounded-lg border border-brand p-4">
      <h2 id="preview-heading" className="text-xl font-semibold">
        {preview.source === "catalogue"
          ? t("import.catalogue.heading")
          : t("import.preview.heading", { file: preview.fileName })}
      </h2>
      {preview.notice?.kind === "stale" && (
        <FormMessage kind="error">{t("import.preview.stale")}</FormMessage>
      )}
      {preview.notice?.kind === "errors" && (
        <FormMessage kind="error">
          {t("import.preview.errorsRefused", { rows: preview.notice.rows })}
        </FormMessage>
      )}
      {preview.asOf && (
        <p className="mt-2">
          {t("import.preview.gaoAsOf", { date: formatDate(locale, preview.asOf) })}
        </p>
      )}
      {preview.sha256 && (
        <p className="mt-1 text-sm break-all text-gray-700">
          {t("import.preview.sha256")}: <span className="font-mono">{preview.sha256}</span>
        </p>
      )}
      <p className="mt-2 font-semibold" data-testid="import-counts">
        {t("import.preview.counts", counts)}
      </p>
      {preview.ignoredHeaders.length > 0 && (
        <p className="mt-1 text-sm text-gray-700">
          {t("import.preview.ignoredHeaders", { headers: preview.ignoredHeaders.join(", ") })}
        </p>
      )}

      <Form method="post" className="mt-4">
        <input type="hidden" name="scope" value={preview.source} />
        {preview.uploadId && <input type="hidden" name="uploadId" value={preview.uploadId} />}
        <input type="hidden" name="fingerprint" value={preview.fingerprint} />

        {preview.gao && (
          <fieldset className="rounded border border-gray-200 p-3">
            <legend className="px-1 font-semibold">{t("import.gao.filters")}</legend>
            <p className="text-sm text-gray-700">{t("import.gao.filtersHint")}</p>
            <div className="mt-2 grid gap-3 sm:grid-cols-2">
              {(["publications", "words"] as const).map((name) => (
                <FieldShell key={name} label={t(`import.gao.${name}`)} className="">
                  {(control) => (
                    <textarea
                      {...control}
                      name={name}
                      rows={3}
                      defaultValue={preview.gao![name]}
                      className={inputClass}
                    />
                  )}
                </FieldShell>
              ))}
            </div>
            <p className="mt-2 text-sm">
              {t("import.gao.kept", { kept: preview.gao.kept, total: preview.gao.total })}
            </p>
          </fieldset>
        )}

        {preview.agencies.length > 0 && (
          <fieldset className="mt-4 rounded border border-gray-200 p-3">
            <legend className="px-1 font-semibold">{t("import.gao.agencies")}</legend>
            <p className="text-sm text-gray-700">{t("import.gao.agenciesHint")}</p>
            {preview.agencies.map((agency, index) => (
              <div key={agency.name} className="mt-2">
                <input type="hidden" name="agency" value={agency.name} />
                <label htmlFor={`agency-${index}`} className="block text-sm font-medium">
                  {agency.name}
                </label>
                <select
                  id={`agency-${index}`}
                  name="agencyActor"
                  defaultValue={agency.choice}
                  className={inputClass}
                >
                  <option value="create">{t("import.gao.create")}</option>
                  <option value="leave">{t("import.gao.leave")}</option>
                  {preview.actors.map((actor) => (
                    <option key={actor.code} value={actor.code}>
                      {actor.label}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </fieldset>
        )}

        {preview.sources.length > 0 && (
          <ul className="mt-4 list-disc pl-6">
            {preview.sources.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}

        {preview.groups.map((group) => (
          <fieldset key={group.code} className="mt-4 rounded border border-gray-200 p-3">
            <legend className="px-1">
              <input type="hidden" name="group" value={group.code} />
              <label className="inline-flex items-center gap-2 font-semibold">
                <input type="checkbox" name="includeGroup" value={group.code} defaultChecked />
                {t("import.preview.includeGroup", { group: group.code })}
              </label>
            </legend>
            <ul className="space-y-3">
              {group.rows.map((row) => (
                <PreviewRow key={row.key} row={row} />
              ))}
            </ul>
          </fieldset>
        ))}

        {preview.errors.length > 0 && (
          <div className="mt-6">
            <h3 className="text-lg font-semibold">
              {t("import.preview.errors", { count: preview.errors.length })}
            </h3>
            <p className="text-sm text-gray-700">{t("import.preview.errorsHint")}</p>
            <StackedTable
              caption={t("import.preview.errors", { count: preview.errors.length })}
              className="mt-2"
              columns={[
                { label: t("import.preview.row") },
                { label: t("import.preview.column") },
                { label: t("import.preview.problem"), className: "py-2" },
              ]}
            >
              {preview.errors.map((error, index) => (
                <StackedRow key={index} testId="import-error">
                  <StackedCell label={t("import.preview.row")}>{error.row}</StackedCell>
                  <StackedCell label={t("import.preview.column")}>{error.column}</StackedCell>
                  <StackedCell label={t("import.preview.problem")} last>
                    {error.message}
                    {error.value && <span className="text-gray-700"> (“{error.value}”)</span>}
                  </StackedCell>
                </StackedRow>
              ))}
            </StackedTable>
          </div>
        )}

        {preview.unchanged.length > 0 && (
          <details className="mt-6">
            <summary className="cursor-pointer font-semibold">
              {t("import.preview.unchangedRows", { count: preview.unchanged.length })}
            </summary>
            <ul className="mt-2 list-disc pl-6 text-sm">
              {preview.unchanged.map((row) => (
                <li key={row.key}>
                  {row.reference} — {row.title}
                </li>
              ))}
            </ul>
          </details>
        )}

        {!writable && <p className="mt-4">{t("import.preview.nothing")}</p>}
        <div className="mt-6 flex flex-wrap gap-3">
          <SubmitButton name="intent" value="commit" disabled={busy}>
            {t("import.preview.commit")}
          </SubmitButton>
          <SubmitButton name="intent" value="preview" variant="secondary" disabled={busy}>
            {t("import.preview.refresh")}
          </SubmitButton>
        </div>
      </Form>
    </section>
  );
}

function PreviewRow({ row }: { row: RowView }) {
  const t = useT();
  const kindLabel = row.kind === "unchanged" ? "" : t(`import.preview.kind.${row.kind}`);
  const id = `row-${row.key.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
  return (
    <li className="rounded border border-gray-100 p-2" data-testid="import-row">
      <label htmlFor={id} className="flex flex-wrap items-baseline gap-2">
        <input id={id} type="checkbox" name="include" value={row.key} defaultChecked />
        <span className="text-sm text-gray-700">
          {t("import.preview.row")} {row.rows}
        </span>
        <span className="font-semibold">{row.reference || "—"}</span>
        <span>{row.title}</span>
        <span className="rounded bg-gray-100 px-2 text-xs font-semibold uppercase">
          {kindLabel}
        </span>
      </label>
      {row.errors.length > 0 && (
        <ul className="mt-1 list-disc pl-6 text-sm text-status-not-implemented-fg">
          {row.errors.map((error, index) => (
            <li key={index}>{error}</li>
          ))}
        </ul>
      )}
      {row.statusChange && <p className="mt-1 text-sm">{row.statusChange}</p>}
      {row.evidence && <p className="text-sm break-all">{row.evidence}</p>}
      {row.kind === "update" && row.changes.length > 0 && (
        <table className="mt-2 w-full text-left text-sm">
          <caption className="sr-only">{t("import.preview.changes")}</caption>
          <thead>
            <tr>
              <th scope="col" className="pr-2">
                {t("import.preview.field")}
              </th>
              <th scope="col" className="pr-2">
                {t("import.preview.before")}
              </th>
              <th scope="col">{t("import.preview.after")}</th>
            </tr>
          </thead>
          <tbody>
            {row.changes.map((change) => (
              <tr key={change.field} className="align-top">
                <th scope="row" className="pr-2 font-medium">
                  {change.name}
                  {change.conflict && (
                    <label className="mt-1 block text-xs font-normal">
                      <input type="checkbox" name="accept" value={`${row.key}:${change.field}`} />{" "}
                      {t("import.preview.conflict")}: {t("import.preview.takeNew")}
                    </label>
                  )}
                </th>
                <td className="pr-2 break-words">
                  <del>{change.before}</del>
                </td>
                <td className="break-words">
                  <ins className="no-underline">{change.after}</ins>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

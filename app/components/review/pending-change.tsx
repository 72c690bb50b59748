import { Form, Link } from "react-router";
import { statusOrder } from "#app/components/status-badge.tsx";
import {
  FieldShell,
  FormMessage,
  inputClass,
  SubmitButton,
  useErrorText,
  valueOf,
} from "#app/components/ui/field.tsx";
import type { ReviewActionResult } from "#app/modules/review/review-actions.server.ts";
import type {
  EvidencePayload,
  NotePayload,
  PendingChangeView,
  StatusPayload,
} from "#app/modules/review/review.server.ts";
import {
  formatDate,
  formatDateTime,
  localizedReference,
  localizedTitle,
  useLocale,
  useT,
} from "#app/utils/i18n.ts";

/**
 * A change awaiting review (or sent back), for staff: what it changes, who submitted it, and the
 * forms its reader may use: approve or send back (another staff member), amend or withdraw (its
 * author). `withItem` names the recommendation (the review queue).
 */
export function PendingChangeCard({
  change,
  result,
  withItem = false,
}: {
  change: PendingChangeView;
  result?: ReviewActionResult;
  withItem?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const own = result?.changeId === change.id ? result : undefined;
  const errors = own?.fieldErrors ?? {};
  const headingId = `pending-${change.id}`;
  const decision = (
    <>
      <input type="hidden" name="changeId" value={change.id} />
      <input type="hidden" name="expectedVersion" value={change.version} />
    </>
  );
  return (
    <article
      aria-labelledby={headingId}
      data-testid="pending-change"
      data-state={change.state}
      className="rounded border-l-4 border-status-stalled-solid bg-status-stalled-bg p-3 text-gray-900"
    >
      <h3 id={headingId} className="flex flex-wrap items-center gap-2 font-semibold">
        <span className="rounded-full border border-gray-700 bg-white px-2 py-0.5 text-xs">
          {t(`signOff.state.${change.state}`)}
        </span>
        {t(`signOff.kind.${change.kind}`)}
        {withItem && (
          <>
            {" – "}
            <Link to={`/recommendations/${encodeURIComponent(change.recommendation.id)}`}>
              {localizedReference(locale, change.recommendation)}:{" "}
              {localizedTitle(locale, change.recommendation)}
            </Link>
          </>
        )}
      </h3>
      <ChangeDetails change={change} />
      <p className="mt-2 text-xs text-gray-700">
        {t("signOff.submittedBy", {
          name: change.author?.name ?? t("signOff.someone"),
          date: formatDateTime(locale, change.createdAt),
        })}
      </p>
      {change.state === "returned" && (
        <p className="mt-2 font-semibold" data-testid="return-reason">
          {t("signOff.returnedBy", {
            name: change.returnedBy?.name ?? t("signOff.someone"),
            date: formatDateTime(locale, change.returnedAt ?? change.updatedAt),
            reason: change.returnReason ?? "",
          })}
        </p>
      )}
      {own?.stale && <FormMessage kind="error">{t("tracking.conflict.title")}</FormMessage>}
      {own?.awaitingReview && (
        <FormMessage kind="error">{t("signOff.awaitingConflict")}</FormMessage>
      )}
      {errors.changeId && (
        <FormMessage kind="error">
          <ErrorList messages={errors.changeId} />
        </FormMessage>
      )}
      {change.canReview && (
        <div className="mt-3 flex flex-wrap items-start gap-4">
          <Form method="post">
            <input type="hidden" name="intent" value="review-approve" />
            {decision}
            <SubmitButton>{t("signOff.approve")}</SubmitButton>
          </Form>
          <Form method="post" className="min-w-0 flex-1 basis-64">
            <input type="hidden" name="intent" value="review-return" />
            {decision}
            <FieldShell
              label={t("signOff.reason")}
              hint={t("signOff.reasonHint")}
              required
              errors={own?.intent === "review-return" ? errors.reason : undefined}
              className="mt-0"
            >
              {(control) => (
                <textarea
                  {...control}
                  name="reason"
                  required
                  rows={2}
                  defaultValue={
                    own?.intent === "review-return" ? valueOf(own.values, "reason") : ""
                  }
                  className={inputClass}
                />
              )}
            </FieldShell>
            <div className="mt-2">
              <SubmitButton variant="secondary">{t("signOff.sendBack")}</SubmitButton>
            </div>
          </Form>
        </div>
      )}
      {change.isAuthor && (
        <>
          {change.state === "awaiting" && <p className="mt-2 text-sm">{t("signOff.ownChange")}</p>}
          <AmendForm change={change} result={own} />
          <Form method="post" className="mt-2">
            <input type="hidden" name="intent" value="review-withdraw" />
            {decision}
            <SubmitButton variant="secondary">{t("signOff.withdraw")}</SubmitButton>
          </Form>
        </>
      )}
    </article>
  );
}

function ErrorList({ messages }: { messages: string[] }) {
  const errorText = useErrorText();
  return <>{messages.map(errorText).join(" ")}</>;
}

function ChangeDetails({ change }: { change: PendingChangeView }) {
  const t = useT();
  const locale = useLocale();
  if (change.kind === "status") {
    const payload = change.payload as StatusPayload;
    return (
      <div className="mt-2 space-y-1">
        <p>{t("signOff.newStatus", { status: t(`status.${payload.toStatus}`) })}</p>
        <p className="whitespace-pre-line">{payload.summary}</p>
        <p className="text-sm">
          {t("signOff.occurredOn", { date: formatDate(locale, payload.occurredOn) })}
        </p>
        {(payload.newEvidence.length > 0 || payload.evidenceIds.length > 0) && (
          <p className="text-sm">
            {t("signOff.evidence")}{" "}
            {[
              ...payload.newEvidence.map((evidence) => evidence.url ?? evidence.file?.fileName),
              ...(payload.evidenceIds.length
                ? [t("signOff.existingEvidence", { count: payload.evidenceIds.length })]
                : []),
            ].join(", ")}
          </p>
        )}
      </div>
    );
  }
  if (change.kind === "note") {
    return (
      <p className="mt-2 whitespace-pre-line" data-testid="pending-note">
        {(change.payload as NotePayload).body}
      </p>
    );
  }
  const payload = change.payload as EvidencePayload;
  return (
    <div className="mt-2 space-y-1">
      <p className="font-semibold">{payload.title}</p>
      {payload.url && <p className="text-sm break-all">{payload.url}</p>}
      {payload.file && <p className="text-sm break-all">{payload.file.fileName}</p>}
      {payload.description && <p className="whitespace-pre-line">{payload.description}</p>}
      {payload.documentedOn && (
        <p className="text-sm">
          {t("signOff.documentedOn", { date: formatDate(locale, payload.documentedOn) })}
        </p>
      )}
    </div>
  );
}

/** The author's form: the change's fields as submitted (or as just typed), to amend. */
function AmendForm({ change, result }: { change: PendingChangeView; result?: ReviewActionResult }) {
  const t = useT();
  const typed = result?.intent === "review-amend" ? result.values : undefined;
  const errors = result?.intent === "review-amend" ? (result.fieldErrors ?? {}) : {};
  const payload = change.payload as Partial<StatusPayload & NotePayload & EvidencePayload>;
  const value = (name: string, stored: string | null | undefined) =>
    typed ? valueOf(typed, name) : (stored ?? "");
  return (
    <details open={change.state === "returned" || Boolean(typed)} className="mt-3">
      <summary className="cursor-pointer font-semibold">{t("signOff.amendTitle")}</summary>
      <Form method="post" className="mt-2">
        <input type="hidden" name="intent" value="review-amend" />
        <input type="hidden" name="changeId" value={change.id} />
        <input type="hidden" name="expectedVersion" value={change.version} />
        {change.kind === "status" && (
          <>
            <FieldShell
              label={t("tracking.statusForm.newStatus")}
              required
              errors={errors.toStatus}
            >
              {(control) => (
                <select
                  {...control}
                  name="toStatus"
                  required
                  defaultValue={value("toStatus", payload.toStatus)}
                  className={inputClass}
                >
                  {statusOrder.map((option) => (
                    <option key={option} value={option}>
                      {t(`status.${option}`)}
                    </option>
                  ))}
                </select>
              )}
            </FieldShell>
            <FieldShell label={t("tracking.statusForm.summary")} required errors={errors.summary}>
              {(control) => (
                <textarea
                  {...control}
                  name="summary"
                  required
                  rows={3}
                  defaultValue={value("summary", payload.summary)}
                  className={inputClass}
                />
              )}
            </FieldShell>
            <FieldShell
              label={t("tracking.statusForm.occurredOn")}
              required
              errors={errors.occurredOn}
            >
              {(control) => (
                <input
                  {...control}
                  type="date"
                  name="occurredOn"
                  required
                  defaultValue={value("occurredOn", payload.occurredOn)}
                  className={inputClass}
                />
              )}
            </FieldShell>
          </>
        )}
        {change.kind === "note" && (
          <FieldShell label={t("tracking.notes.body")} required errors={errors.body}>
            {(control) => (
              <textarea
                {...control}
                name="body"
                required
                rows={4}
                defaultValue={value("body", payload.body)}
                className={inputClass}
              />
            )}
          </FieldShell>
        )}
        {change.kind === "evidence" && (
          <>
            <FieldShell
              label={t("tracking.evidenceForm.titleField")}
              required
              errors={errors.title}
            >
              {(control) => (
                <input
                  {...control}
                  name="title"
                  required
                  defaultValue={value("title", payload.title)}
                  className={inputClass}
                />
              )}
            </FieldShell>
            {payload.kind === "link" && (
              <FieldShell label={t("tracking.evidenceForm.url")} required errors={errors.url}>
                {(control) => (
                  <input
                    {...control}
                    type="url"
                    name="url"
                    required
                    defaultValue={value("url", payload.url)}
                    className={inputClass}
                  />
                )}
              </FieldShell>
            )}
            <FieldShell label={t("tracking.evidenceForm.description")} errors={errors.description}>
              {(control) => (
                <textarea
                  {...control}
                  name="description"
                  rows={2}
                  defaultValue={value("description", payload.description)}
                  className={inputClass}
                />
              )}
            </FieldShell>
            <FieldShell
              label={t("tracking.evidenceForm.documentedOn")}
              errors={errors.documentedOn}
            >
              {(control) => (
                <input
                  {...control}
                  type="date"
                  name="documentedOn"
                  defaultValue={value("documentedOn", payload.documentedOn)}
                  className={inputClass}
                />
              )}
            </FieldShell>
          </>
        )}
        <div className="mt-3">
          <SubmitButton>{t("signOff.amend")}</SubmitButton>
        </div>
      </Form>
    </details>
  );
}

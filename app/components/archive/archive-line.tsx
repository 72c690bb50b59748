import { Form } from "react-router";
import { SubmitButton } from "#app/components/ui/field.tsx";
import { formatDayOf, useLocale, useT } from "#app/utils/i18n.ts";

/** What the item page knows of a link's archive (archive.server.ts LinkArchiveView). */
export type ArchiveLineView = {
  linkId: string;
  health: "pending" | "ok" | "changed" | "unreachable";
  lastFailureReason: string | null;
  unreachableSince: Date | string | null;
  changedSince: Date | string | null;
  copy: { id: string; fetchedAt: Date | string; sha256: string } | null;
};

const REASONS = [
  "bad_url",
  "refused_address",
  "unreachable",
  "timeout",
  "too_large",
  "type_not_kept",
  "too_many_redirects",
  "http_error",
] as const;

/** Why a link has no copy yet, in the reader's language. */
export function useArchiveReason() {
  const t = useT();
  return (reason: string | null) => {
    const known = REASONS.find((candidate) => candidate === reason);
    return known ? t(`archive.reasons.${known}`) : null;
  };
}

/**
 * The line under an evidence link: its archived copy (date in the tracker's zone, the start of
 * its hash), or why there is none yet, and whether the link changed or went away since; for
 * staff, "Archive again".
 */
export function ArchiveLine({
  archive,
  title,
  canArchive,
  returnTo,
}: {
  archive: ArchiveLineView;
  title: string;
  canArchive: boolean;
  returnTo: string;
}) {
  const t = useT();
  const locale = useLocale();
  const reason = useArchiveReason()(archive.lastFailureReason);
  const problem =
    archive.health === "changed"
      ? t("archive.line.changed", { date: formatDayOf(locale, archive.changedSince) })
      : archive.health === "unreachable"
        ? t("archive.line.unreachable", { date: formatDayOf(locale, archive.unreachableSince) })
        : null;
  return (
    <div
      className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm"
      data-testid="archive-line"
    >
      {archive.copy ? (
        <a href={`/archive/${archive.copy.id}`} className="underline">
          {t("archive.line.copy", {
            date: formatDayOf(locale, archive.copy.fetchedAt),
            hash: archive.copy.sha256.slice(0, 8),
          })}
          <span className="sr-only"> ({title})</span>
        </a>
      ) : (
        <span className="text-gray-700">
          {reason ? t("archive.line.notYet", { reason }) : t("archive.line.pending")}
        </span>
      )}
      {problem && <span className="font-semibold text-amber-900">{problem}</span>}
      {canArchive && (
        <Form method="post" action={`/archive/links/${archive.linkId}/again`}>
          <input type="hidden" name="returnTo" value={returnTo} />
          <SubmitButton variant="secondary">
            {t("archive.line.again")}
            <span className="sr-only"> ({title})</span>
          </SubmitButton>
        </Form>
      )}
    </div>
  );
}

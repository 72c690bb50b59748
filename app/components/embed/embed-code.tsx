import { useId, useRef, useSyncExternalStore } from "react";
import { noSubscription, useCopyText } from "#app/components/ui/copy-link.tsx";
import { useLocale, useT } from "#app/utils/i18n.ts";

type Kind = "recommendations" | "sources" | "goals";

/** The embed's address on this tracker, in the reader's language when it is not English. */
function embedUrl(origin: string, kind: Kind, key: string, locale: string, badge = false) {
  const path = `/embed/${kind}/${encodeURIComponent(key)}${badge ? "/badge.svg" : ""}`;
  return `${origin}${path}${locale === "en" ? "" : `?lang=${locale}`}`;
}

/** The page the badge leads to: the item, or the list or overview filtered by it. */
function pageUrl(origin: string, kind: Kind, key: string) {
  const code = encodeURIComponent(key);
  if (kind === "recommendations") return `${origin}/recommendations/${code}`;
  return kind === "sources"
    ? `${origin}/recommendations?source=${code}`
    : `${origin}/?goal=${code}`;
}

function escapeAttribute(value: string) {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/**
 * "Embed on another site": the card's <iframe> and the badge's <img>, each in a read-only field
 * that can be selected and copied by hand, with a button that copies it where the browser lets
 * it, and a spoken "Copied".
 */
export function EmbedCode({ kind, code, title }: { kind: Kind; code: string; title: string }) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  // The tracker's own address as the reader reaches it; known only in the browser (the server
  // may sit behind a proxy), so the server's page shows paths until then.
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "",
  );
  const app = t("app.name");
  const frameTitle = escapeAttribute(t("embed.copy.frameTitle", { title, app }));
  const card = `<iframe src="${embedUrl(origin, kind, code, locale)}" title="${frameTitle}" width="400" height="220" style="border:0;max-width:100%" loading="lazy"></iframe>`;
  const badge = `<a href="${escapeAttribute(pageUrl(origin, kind, code))}"><img src="${embedUrl(origin, kind, code, locale, true)}" alt="${frameTitle}"></a>`;
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="rounded-lg border border-gray-200 p-4 print:hidden"
      data-testid="embed-code"
    >
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {t("embed.copy.heading")}
      </h2>
      <p id={`${id}-intro`} className="text-sm text-gray-700">
        {t("embed.copy.intro")}
      </p>
      <CodeField label={t("embed.copy.card")} value={card} describedBy={`${id}-intro`} />
      <CodeField label={t("embed.copy.badge")} value={badge} describedBy={`${id}-intro`} />
    </section>
  );
}

function CodeField({
  label,
  value,
  describedBy,
}: {
  label: string;
  value: string;
  describedBy: string;
}) {
  const t = useT();
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  // The button appears once JavaScript runs and the browser has a clipboard to write to.
  const { canCopy, state, copy: copyText } = useCopyText(field);
  const copy = () => copyText(value);

  return (
    <div className="mt-3">
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      <textarea
        ref={field}
        id={id}
        readOnly
        rows={3}
        spellCheck={false}
        value={value}
        aria-describedby={describedBy}
        onFocus={(event) => event.currentTarget.select()}
        className="mt-1 block w-full resize-none rounded border border-gray-400 bg-white px-2 py-1 font-mono text-sm break-all text-gray-900"
      />
      <div className="mt-2 flex flex-wrap items-center gap-3">
        {canCopy && (
          <button
            type="button"
            onClick={copy}
            aria-label={t("embed.copy.buttonLabel", { what: label })}
            className="rounded bg-brand px-4 py-2 text-sm font-semibold text-white hover:bg-brand-dark"
          >
            {t("embed.copy.button")}
          </button>
        )}
        <p role="status" className="text-sm font-medium">
          {state === "copied"
            ? t("embed.copy.copied")
            : state === "failed"
              ? t("embed.copy.refused")
              : ""}
        </p>
      </div>
    </div>
  );
}

import { useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import { useT } from "#app/utils/i18n.ts";

export const noSubscription = () => () => {};

/**
 * Copying a read-only field's text: whether the browser offers the clipboard (the button only
 * appears once JavaScript runs), what happened to the last copy, and the copy itself, which
 * leaves the text selected when the clipboard is refused, to copy by hand.
 */
export function useCopyText(field: React.RefObject<HTMLTextAreaElement | null>) {
  const canCopy = useSyncExternalStore(
    noSubscription,
    () => Boolean(navigator.clipboard?.writeText),
    () => false,
  );
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      field.current?.focus();
      field.current?.select();
      setState("failed");
    }
  }
  return { canCopy, state, copy };
}

/**
 * A one-time link to hand on: selectable text in a read-only field, which works without
 * JavaScript; with it, a "Copy link" button and a spoken "Copied". A browser that refuses the
 * clipboard leaves the link selected and says how to copy it by hand.
 */
export function CopyLink({
  url,
  label,
  description,
  testId,
}: {
  url: string;
  label: string;
  /** What to do with the link, shown above it and read with the field. */
  description: React.ReactNode;
  testId?: string;
}) {
  const t = useT();
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const { canCopy, state, copy: copyText } = useCopyText(field);
  // A link that has just been made gets the focus, so that it is read out and ready to copy.
  useEffect(() => {
    field.current?.focus();
  }, []);

  const copy = () => copyText(url);

  return (
    <div className="mt-4 rounded border-l-4 border-status-implemented-solid bg-status-implemented-bg px-4 py-3 text-status-implemented-fg">
      <p id={`${id}-description`}>{description}</p>
      <label htmlFor={`${id}-link`} className="mt-2 block text-sm font-semibold">
        {label}
      </label>
      <textarea
        ref={field}
        id={`${id}-link`}
        data-testid={testId}
        readOnly
        rows={2}
        spellCheck={false}
        value={url}
        aria-describedby={`${id}-description`}
        onFocus={(event) => event.currentTarget.select()}
        className="mt-1 block w-full resize-none rounded field-sizing-content border border-gray-400 bg-white px-2 py-1 font-mono text-sm break-all text-gray-900"
      />
      <div className="mt-2 flex flex-wrap items-center gap-3">
        {canCopy && (
          <button
            type="button"
            onClick={copy}
            className="rounded bg-brand px-4 py-2 text-sm font-semibold text-white hover:bg-brand-dark"
          >
            {t("admin.copyLink")}
          </button>
        )}
        <p role="status" className="text-sm font-medium">
          {state === "copied" ? t("admin.copied") : state === "failed" ? t("admin.copyFailed") : ""}
        </p>
      </div>
    </div>
  );
}

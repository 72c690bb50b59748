// The body of a short message (a confirmation, an invitation, a reset link) as plain text and
// HTML, from paragraphs each with an optional link: every value escaped for the HTML.
import type { Locale } from "#app/utils/i18n.ts";

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!,
  );

/** A short message as plain text and HTML: paragraphs, each with an optional link. */
export function simpleMessage(
  locale: Locale,
  paragraphs: Array<{ text: string; link?: string }>,
): { text: string; html: string } {
  const text = paragraphs
    .map((part) => (part.link ? `${part.text}\n${part.link}` : part.text))
    .join("\n\n");
  const html = `<!doctype html><html lang="${locale}"><body>${paragraphs
    .map(
      (part) =>
        `<p>${escapeHtml(part.text)}${
          part.link ? `<br><a href="${escapeHtml(part.link)}">${escapeHtml(part.link)}</a>` : ""
        }</p>`,
    )
    .join("")}</body></html>`;
  return { text: `${text}\n`, html };
}

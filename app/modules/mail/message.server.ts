// The body of a short message (a confirmation, an invitation, a reset link) as plain text and
// HTML, from paragraphs each with an optional link: every value escaped for the HTML.
import { escapeUTF8 } from "entities";
import type { Locale } from "#app/utils/i18n.ts";

/**
 * Text for a mail's HTML, escaped (entities), with the apostrophe as &#39;: &apos; is HTML5 only,
 * and older mail programs show it as it is written.
 */
export const escapeMailHtml = (text: string) => escapeUTF8(text).replaceAll("&apos;", "&#39;");

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
        `<p>${escapeMailHtml(part.text)}${
          part.link
            ? `<br><a href="${escapeMailHtml(part.link)}">${escapeMailHtml(part.link)}</a>`
            : ""
        }</p>`,
    )
    .join("")}</body></html>`;
  return { text: `${text}\n`, html };
}

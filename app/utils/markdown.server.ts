// Notes are markdown written by staff and shown to the public: rendered with marked, then
// cleaned with sanitize-html. Raw HTML in the markdown is shown as text, never as markup.
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

function escapeHtml(text: string) {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

// A private instance: options set here do not leak into other users of marked.
const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    // Raw HTML blocks and inline tags are escaped, so "<b>x</b>" shows literally.
    html({ text }) {
      return escapeHtml(text);
    },
    // Images are not allowed (tracking pixels, data: URLs): their alt text stays.
    image({ text }) {
      return escapeHtml(text);
    },
  },
});

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
  ],
  allowedAttributes: { a: ["href", "title", "rel"], ol: ["start"], th: ["align"], td: ["align"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // Headings of a note sit under the page's own h1/h2.
  transformTags: {
    h1: "h3",
    h2: "h4",
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: "noopener noreferrer nofollow" },
    }),
  },
};

/** Safe HTML for a markdown note body. */
export function renderMarkdown(body: string): string {
  const html = marked.parse(body) as string;
  return sanitizeHtml(html, sanitizeOptions).trim();
}

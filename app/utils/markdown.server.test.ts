import { describe, expect, test } from "vitest";
import { renderMarkdown } from "./markdown.server.ts";

describe("renderMarkdown", () => {
  test("renders the usual markdown", () => {
    const html = renderMarkdown(
      "Para with **bold**, *em* and `code`.\n\n- one\n- two\n\n1. first\n\n> quoted\n\n```\nx < y\n```\n\n---",
    );
    expect(html).toContain(
      "<p>Para with <strong>bold</strong>, <em>em</em> and <code>code</code>.</p>",
    );
    expect(html).toContain("<ul>\n<li>one</li>\n<li>two</li>\n</ul>");
    expect(html).toContain("<ol>");
    expect(html).toContain("<blockquote>");
    expect(html).toContain("<pre><code>x &lt; y\n</code></pre>");
    expect(html).toContain("<hr />");
  });

  test("tables are kept", () => {
    const html = renderMarkdown("| a | b |\n|---|:-:|\n| 1 | 2 |");
    expect(html).toContain("<table>");
    expect(html).toContain("<th>a</th>");
    expect(html).toMatch(/<td align="center">2<\/td>/);
  });

  test("headings start at h3", () => {
    expect(renderMarkdown("# Big")).toBe("<h3>Big</h3>");
    expect(renderMarkdown("## Less")).toBe("<h4>Less</h4>");
    expect(renderMarkdown("#### Small")).toBe("<h4>Small</h4>");
  });

  test("raw HTML is escaped, never passed through", () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\nHello <b onmouseover="x()">bold</b> <iframe src="https://evil"></iframe>\n\n<style>p{}</style>',
    );
    expect(html).not.toMatch(/<script|<b |<b>|<iframe|<style/i);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("&lt;b onmouseover=");
  });

  test("links: http, https and mailto only, always with rel", () => {
    const html = renderMarkdown(
      "[ok](https://www.gao.gov/x) [mail](mailto:a@example.org) [js](javascript:alert(1)) " +
        "[data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:x) [rel](//evil.example/x)",
    );
    expect(html).toContain(
      '<a href="https://www.gao.gov/x" rel="noopener noreferrer nofollow">ok</a>',
    );
    expect(html).toContain('<a href="mailto:a@example.org" rel="noopener noreferrer nofollow">');
    expect(html).not.toMatch(/javascript:|data:|vbscript:|\/\/evil/);
    const anchors = html.match(/<a\b[^>]*>/g) ?? [];
    expect(anchors).toHaveLength(6);
    for (const anchor of anchors) expect(anchor).toContain('rel="noopener noreferrer nofollow"');
  });

  test("autolinks get rel too", () => {
    const html = renderMarkdown("see https://example.org/report");
    expect(html).toContain(
      '<a href="https://example.org/report" rel="noopener noreferrer nofollow">',
    );
  });

  test("images are dropped, their alt text kept", () => {
    const html = renderMarkdown(
      "![chart](https://evil.example/pixel.png) ![x](data:image/png;base64,AAA)",
    );
    expect(html).not.toMatch(/<img|pixel\.png|data:/);
    expect(html).toContain("chart");
  });

  test("entity and encoding tricks in link targets do not get through", () => {
    const html = renderMarkdown(
      "[a](jav&#x09;ascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](&#106;avascript:alert(1))",
    );
    expect(html.toLowerCase()).not.toContain("javascript");
    expect(html).not.toMatch(/href="(?!https?:|mailto:)/);
  });
});

// UI strings of archived evidence: the archive line beside each evidence link, "Archive again",
// the admin's link-health list and the archived copy's page (English). Wired into en.ts as
// `archive`; archive.es.ts must have the same keys.
export const archiveEn = {
  line: {
    copy: "Archived copy, {date} · SHA-256 {hash}…",
    pending: "Not archived yet: waiting for the first try.",
    notYet: "Not archived yet: {reason}.",
    changed: "Changed since archived (noticed {date}).",
    unreachable: "Unreachable since {date}.",
    again: "Archive again",
    requested: "Archiving was asked for: the copy appears here once the site has been reached.",
  },
  reasons: {
    bad_url: "the address is not a web address (http or https)",
    refused_address: "the address is not a public site",
    unreachable: "could not reach the site",
    timeout: "the site did not answer in time",
    too_large: "the file is larger than 25 MB",
    type_not_kept:
      "this kind of file is not kept (only web pages, PDF, text, images and office documents)",
    too_many_redirects: "the site redirected too many times",
    http_error: "the site answered with an error",
  },
  health: {
    title: "Link health",
    nav: "Link health",
    intro:
      "Evidence links and source documents that have no archived copy yet, changed since they were archived, or cannot be reached. Every link is checked again each week.",
    none: "Every link is archived and was reachable at its last check.",
    link: "Link",
    state: "State",
    lastChecked: "Last checked",
    belongsTo: "Belongs to",
    never: "never",
    source: "Source {code}",
  },
  report: {
    archivedOn: "Latest evidence archived on",
    sha256: "Latest evidence archive SHA-256",
    pdfLabel: "Archived copy",
    pdfLine: "Archived {date} · SHA-256 {hash}…",
  },
  copy: {
    notFound: "There is no archived copy at this address.",
  },
};

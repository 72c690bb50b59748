// UI strings of the embeds (cards and badges other sites show, /embed/*) and of the "Copy embed
// code" section (English). Wired into en.ts as `embed`; embed.es.ts must have the same keys.
export const embedEn = {
  card: {
    status: "Status",
    official: "Official status",
    lastChange: "Last change",
    open: "See it on the {app} (opens in a new tab)",
    openList: "See these items on the {app} (opens in a new tab)",
    counts: "Items by status",
    total: "{count} items in all",
    source: "Source {code}",
    goal: "Goal {code}",
    notFound: "Not found: this item is not public, or it has been archived.",
  },
  badge: {
    label: "{ref}: {status}",
    progress: "{done} of {total} implemented",
  },
  copy: {
    heading: "Embed on another site",
    intro: "Paste this code into a web page to show this status there; it stays up to date.",
    card: "Card (iframe)",
    badge: "Badge (image)",
    button: "Copy",
    buttonLabel: "Copy the code: {what}",
    copied: "Copied",
    refused: "Copying was refused: select the code and copy it yourself.",
    frameTitle: "{title}: status on the {app}",
  },
};

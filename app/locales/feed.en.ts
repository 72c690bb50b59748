// Strings of the Atom feeds of changes (/changes.atom) and the links to them (English). Wired
// into en.ts as `feed`; feed.es.ts must have the same keys.
export const feedEn = {
  title: "Changes · {app}",
  titleFiltered: "Changes ({filters}) · {app}",
  subtitle: "Status and official-status changes of the tracker's recommendations, newest first.",
  entryTitle: "{reference}: {from} → {to}",
  statusEntry: "Status changed on {date} from {from} to {to}.",
  officialEntry: "Official status changed as of {date} from {from} to {to}.",
  item: "Item",
  link: "Atom feed",
  linkTitle: "Atom feed of these changes",
  linkItem: "Atom feed of this item's changes",
  linkHint: "Follow these changes in a feed reader.",
  badParameter:
    "The parameter “{field}” is not valid: see the list's filters for the values it takes.",
  itemNotFound: "There is no such item: check the address of the feed.",
};

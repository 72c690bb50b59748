// Strings of related items (issue 18, item 5): the item page's section and form, the list's
// filter, the report column. Wired into en.ts as `related`; related.es.ts has the same keys.
export const relatedEn = {
  heading: "Related items",
  intro: "Items of this or other sources that ask the same, follow up, supersede or belong to it.",
  none: "No related items.",
  archived: "archived",
  // How a link reads from each end ("this item … the other").
  types: {
    same_ask: { outgoing: "same ask as", incoming: "same ask as" },
    follows_up: { outgoing: "follows up", incoming: "followed up by" },
    supersedes: { outgoing: "supersedes", incoming: "superseded by" },
    part_of: { outgoing: "part of", incoming: "has part" },
  },
  // The kinds by name (the audit log's values, the type menu).
  typeNames: {
    same_ask: "Same ask",
    follows_up: "Follows up",
    supersedes: "Supersedes",
    part_of: "Part of",
  },
  importedReason: "Linked by the import of {file}.",
  typeLabel: "Relation",
  otherLabel: "Related item",
  sourceLabel: "Source",
  statusLabel: "Status",
  reasonLabel: "Reason",
  form: {
    title: "Link a related item",
    type: "This item is",
    chooseType: "Choose…",
    other: "Other item",
    otherHint:
      "Its reference as its page shows it (such as GAO-21-322 (information sharing)), its source code and reference, or its ID.",
    reason: "Reason",
    reasonHint:
      "Why they are related, in a sentence (at most 500 characters). Where a source says so, quote it or say where.",
    submit: "Link the items",
    remove: "Remove",
    removeLabel: "Remove the link to {reference}",
  },
  saved: {
    added: "The items are linked.",
    removed: "The link was removed.",
  },
  errors: {
    type: "Choose how the items relate: same ask, follows up, supersedes or part of.",
    otherRequired: "Other item is required: give its reference or ID.",
    otherUnknown:
      "No item in the catalogue has this reference or ID (archived items cannot be linked).",
    otherAmbiguous: "Several items have this reference: put the source code before it.",
    self: "An item cannot be related to itself: choose another item.",
    duplicate: "These two items are already linked this way.",
    reasonRequired: "Reason is required: say in a sentence why the items are related.",
    reasonTooLong: "Reason must be at most 500 characters.",
    gone: "This link was already removed.",
  },
  filter: {
    label: "Related items",
    yes: "Has related items",
    no: "Has no related items",
  },
};

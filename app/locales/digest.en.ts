// Strings of the digests by e-mail and of "My queue" (English). Wired into en.ts as `digest`;
// digest.es.ts must have the same keys.
export const digestEn = {
  subjectChanges: "{app} digest: {count} changes, {period}",
  subjectOneChange: "{app} digest: 1 change, {period}",
  subjectQueue: "{app} digest: {count} due for checking, {period}",
  headingDaily: "Your daily digest",
  headingWeekly: "Your weekly digest",
  introDaily: "What changed on {period} in what you follow.",
  introWeekly: "What changed in the week of {period} in what you follow.",
  noChanges: "Nothing you follow changed in this period.",
  status: "Status: {from} → {to}",
  official: "Official status: {from} → {to}",
  evidence: "New evidence: {title}",
  evidenceDocumented: "New evidence: {title} (documents {date})",
  note: "Public note: {excerpt}",
  by: "by {name}",
  openItem: "Open {reference}",
  times: "Days are in the tracker's time zone ({zone}).",
  footerWhy: "You receive this because you follow items on {app} by e-mail.",
  manage: "Manage what you follow",
  unsubscribe: "Unsubscribe from all digests",
  queueHeading: "My queue: due for checking",
  queueIntro:
    "Items you follow that were never checked, were last checked more than 90 days ago, or are past their due date.",
  queueMore: "And {count} more.",
  queueOpen: "Open My queue",
  page: {
    title: "My queue",
    intro:
      "The items you follow (directly, or through a source, goal, actor or list) that are due for checking: never checked, last checked more than 90 days ago, or past their due date while still open. The oldest check comes first.",
    empty: "Nothing you follow is due for checking.",
    notFollowing:
      "You follow nothing yet: follow items, sources, goals, actors or a filtered list to fill your queue.",
    count: "{count} items due for checking",
    item: "Item",
    status: "Status",
    lastChecked: "Last checked",
    dueDate: "Due date",
    why: "Why",
    never: "Never",
  },
  reasons: {
    never: "Never checked",
    overdue: "Not checked in 90 days",
    pastDue: "Past its due date",
  },
  nav: "My queue",
};

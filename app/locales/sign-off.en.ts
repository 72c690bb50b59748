// UI strings of sign-off before publishing: changes awaiting review on an item and in the review
// queue, the admin's setting, and "approved by" in the timeline (English). Wired into en.ts as
// `signOff`; sign-off.es.ts must have the same keys.
export const signOffEn = {
  nav: { queue: "Review", queueCount: "Review ({count} awaiting)" },
  setting: {
    title: "Sign-off before publishing",
    label:
      "Editors' status changes, public notes and evidence wait for another staff member's approval, on every item",
    hint: "It can also be required for one source only, on the source's form. Admins' changes are published directly.",
    save: "Save sign-off setting",
    savedOn: "Sign-off is now required for editors' changes on every item.",
    savedOff: "Sign-off is no longer required tracker-wide (sources that require it still do).",
  },
  saved: {
    submitted: "Sent for review. It is not public until another staff member approves it.",
    approved: "Approved: the change is now public.",
    returned: "Sent back to its author with your reason.",
    amended: "Sent for review again.",
    withdrawn: "Your change was withdrawn.",
  },
  item: {
    heading: "Changes awaiting review",
    intro: "Only staff see these. They are not public and do not change the status until approved.",
  },
  state: { awaiting: "Awaiting review", returned: "Sent back" },
  kind: { status: "Status change", note: "Public note", evidence: "Evidence" },
  submittedBy: "Submitted by {name} on {date}",
  returnedBy: "Sent back by {name} on {date}. Reason: {reason}",
  someone: "someone",
  newStatus: "New status: {status}",
  occurredOn: "Date of the change: {date}",
  evidence: "Evidence:",
  existingEvidence: "{count} existing piece(s) of evidence",
  documentedOn: "Documented on {date}",
  approve: "Approve and publish",
  sendBack: "Send back",
  reason: "Reason for sending it back",
  reasonHint: "Say what the author should change. They see this.",
  withdraw: "Withdraw",
  amend: "Amend and send for review again",
  amendTitle: "Amend your change",
  ownChange: "You submitted this change: another staff member reviews it.",
  awaitingConflict:
    "Another change to this recommendation is already awaiting review. Yours was not saved; what you typed is still in the form. Try again once that change is approved or sent back.",
  queue: {
    title: "Review queue",
    intro:
      "Changes by editors waiting for sign-off, oldest first, and changes sent back to their authors.",
    empty: "Nothing is awaiting review.",
    item: "Recommendation",
  },
  approvedBy: "Approved by {name} on {date}",
  reasonLabel: "Reason",
  changeLabel: "Change",
  errors: {
    internalNote: "Only public notes wait for review.",
    notAwaiting: "This change was sent back: it is not awaiting review.",
    alreadyReturned: "This change was already sent back.",
    evidenceNeeded:
      "This status needs at least one piece of evidence. Withdraw this change and submit it again with evidence.",
    noteEditReviewed:
      "On this recommendation, public notes wait for review: an edited public note cannot be published directly. Keep it internal, or add the text as a new public note.",
  },
} as const;

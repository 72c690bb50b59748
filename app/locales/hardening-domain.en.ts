// UI strings of the domain hardening: archived items, profile conflicts, sign-in audit events,
// the audit log's CSV and how staff are named in public (English). Wired into en.ts as
// `hardeningDomain`; hardening-domain.es.ts must have the same keys.
export const hardeningDomainEn = {
  archivedItem:
    "This recommendation is archived, so it cannot be changed. An administrator can restore it first.",
  audit: {
    /** Who made a failed login: no one proven. */
    unknownPerson: "Someone not logged in",
  },
  privacy: {
    showNamePublicly: "Show who I am on public pages and in public reports",
    showNamePubliclyHelp:
      "When ticked, visitors who are not logged in read your name where you recorded something; otherwise they read “{label}”. Staff always see your name.",
    publicName: "Public display name",
    publicNameFor: "Save the public display name of {name}",
    publicNameHelp:
      "Shown to the public instead of the name, unless the person chose to show theirs. Empty: their role.",
    publicNameTooLong: "Use at most 100 characters.",
    savePublicName: "Save",
    showsOwnName: "Shows their own name",
  },
  auditCsv: {
    download: "Download CSV",
    downloadHelp: "Every change these filters select, not only this page",
    columns: {
      at: "When (UTC)",
      who: "Who",
      whoEmail: "Their email",
      action: "Action",
      actionCode: "Action code",
      recordKind: "Kind of record",
      record: "Record",
      recordId: "Record id",
      changes: "Changes",
      before: "Recorded before (JSON)",
      after: "Recorded after (JSON)",
    },
  },
};

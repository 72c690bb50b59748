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

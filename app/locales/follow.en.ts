// UI and mail strings of following by e-mail (the Follow form, confirming, the pages to manage
// what one follows and to unsubscribe) and of the account mail (invitations, password resets).
// Wired into en.ts as `follow`; follow.es.ts must have the same keys.
export const followEn = {
  nav: "Following",
  kinds: {
    item: "Recommendation",
    source: "Source",
    goal: "Goal",
    actor: "Responsible actor",
    filter: "Filtered list",
  },
  frequency: { daily: "Daily", weekly: "Weekly" },
  frequencyWords: { daily: "every day", weekly: "every week" },
  form: {
    heading: "Follow by e-mail",
    intro:
      "Get a digest of what changed in {what}: status changes, new evidence and public notes. Nothing is sent for a period without changes.",
    what: {
      item: "this recommendation",
      source: "source {code}",
      goal: "goal {code}",
      actor: "the items of {name}",
      filter: "this filtered list",
    },
    frequency: "How often",
    language: "Language of the mail",
    email: "Your e-mail address",
    emailHint: "We send a link to confirm it; nothing else is sent before you open it.",
    signedInNote: "Digests go to your account's address.",
    submit: "Follow",
    sending: "Sending…",
  },
  result: {
    checkInbox:
      "Check your inbox: we sent a message to {email}. Open its link to confirm; nothing is sent before.",
    following: "You follow this. Digests go to your account's address.",
    manage: "See what you follow",
    rateLimited:
      "Too many requests for this address or from your network. Try again in {minutes} minutes.",
    mailFailed: "The message could not be sent just now. Try again in a few minutes.",
  },
  errors: {
    kind: "Choose what to follow.",
    target: "This cannot be followed: it does not exist or is not public.",
    emptyFilter: "Choose at least one filter before following the list.",
    frequency: "Choose daily or weekly.",
    locale: "Choose English or Spanish.",
    email: "Enter a valid e-mail address.",
  },
  page: {
    title: "Follow by e-mail",
    intro:
      "Follow a recommendation, a source, a goal, a responsible actor or a filtered list from its page: look for “Follow by e-mail”.",
    back: "Back to the page you were on",
    off: "Following by e-mail is not available: this tracker does not send mail.",
  },
  confirm: {
    invalidTitle: "This link does not work",
    invalid:
      "The link is unknown or has expired (a confirmation link works for 7 days). Follow again from the page to get a new one.",
    done: "Your address is confirmed. Digests will come as chosen below.",
  },
  manage: {
    title: "What you follow",
    intro: "Digests are sent to {email}.",
    pending: "This address is not confirmed yet: open the link in the confirmation message.",
    none: "You follow nothing now.",
    caption: "What you follow, with how often a digest comes",
    columns: { what: "What", kind: "Kind", frequency: "How often", actions: "Actions" },
    frequencyFor: "How often for {what}",
    saveFrequency: "Save",
    saveFrequencyFor: "Save how often for {what}",
    remove: "Stop following",
    removeLabel: "Stop following {what}",
    languageTitle: "Language of the mail",
    saveLanguage: "Save the language",
    unsubscribeTitle: "Stop everything",
    unsubscribeHint: "Removes everything you follow: no more digests to this address.",
    unsubscribeAll: "Unsubscribe from everything",
    saved: "Saved.",
    removed: "You no longer follow {what}.",
    unsubscribed: "You are unsubscribed: no more digests will be sent to this address.",
    notFound: "That is not among what you follow (already removed?).",
    signedInIntro: "What you follow with your account. Digests go to {email}.",
  },
  unsubscribe: {
    title: "Unsubscribe",
    intro: "Stop every digest to {email}?",
    button: "Unsubscribe",
    done: "You are unsubscribed. No more digests will be sent to this address.",
    manage: "Manage what you follow instead",
  },
  mail: {
    confirmSubject: "Confirm to follow {what} – {app}",
    confirmIntro:
      "Someone (we hope you) asked to follow {what} on the {app}, with a digest {frequency}.",
    confirmAction: "To confirm, open this link (it works for 7 days):",
    ignore: "If you did not ask for this, ignore this message: nothing more will be sent.",
    inviteSubject: "Your invitation to the {app}",
    inviteIntro: "{name} invites you to the {app} as {role}.",
    inviteAction: "Open this link within 7 days to choose your password (it works once):",
    resetSubject: "Set a new password on the {app}",
    resetIntro: "{name} issued a link for you to set a new password on the {app}.",
    resetAction: "Open this link within 24 hours (it works once):",
    accountIgnore: "If you did not expect this message, ignore it.",
  },
  admin: {
    mailOn: "Mail is on (from {from}): invitations, password resets and digests are sent.",
    mailOff: "Mail is off: set SMTP_URL and MAIL_FROM to send invitations, resets and digests.",
    mailed: "It was also sent by e-mail to {email}.",
    notMailed: "It was not sent by e-mail: send the link yourself.",
  },
} as const;

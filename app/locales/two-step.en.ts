// UI strings of two-step sign-in: the code's page after the password, enrolment on /account,
// and the admin's rule and reset (English). Wired into en.ts as `twoStep`; two-step.es.ts must
// have the same keys.
export const twoStepEn = {
  signIn: {
    title: "Enter your sign-in code",
    intro:
      "Your password was right. Enter the six-digit code your authenticator app shows for this tracker, or one of your recovery codes.",
    code: "Code",
    codeHint: "Six digits, or a recovery code such as abcd-efgh-ijkl-mnop.",
    submit: "Sign in",
    invalid:
      "That code is not right, or it was used already. Wait for the next code and try again.",
    expired: "This step has expired (after five minutes). Log in again with your password.",
    startAgain: "Log in again",
  },
  account: {
    heading: "Two-step sign-in",
    statusOn: "Two-step sign-in is on since {date}. Recovery codes left: {count}.",
    statusOff:
      "Two-step sign-in is off. With it on, signing in also asks for a code from an app on your phone, so a stolen password alone is not enough.",
    manage: "Manage two-step sign-in",
    title: "Two-step sign-in",
    required:
      "The tracker requires two-step sign-in for your role. Set it up to continue; you can still log out.",
    step1:
      "1. Scan this code with an authenticator app (for example FreeOTP, Aegis, Google Authenticator or 1Password).",
    qrAlt:
      "QR code that adds this tracker to an authenticator app. The key below is the same, as text.",
    step2: "Or enter this key in the app by hand (time-based, 6 digits, every 30 seconds):",
    key: "Key",
    step3: "2. Enter the code the app shows now.",
    code: "Code from the app",
    confirm: "Turn on two-step sign-in",
    invalidCode: "That code is not right. Check the phone's clock and enter the code shown now.",
    recoveryTitle: "Your recovery codes",
    recoveryIntro:
      "Two-step sign-in is on. Keep these ten codes somewhere safe: each signs you in once if you lose your phone. They are shown only now.",
    recoveryDone: "I have kept them: back to my account",
    newCodesTitle: "New recovery codes",
    newCodesIntro:
      "Used some of your recovery codes, or lost them? Make ten new ones: the old ones stop working. Enter your password or a current code.",
    newCodes: "Make new recovery codes",
    newCodesDone:
      "These are your new recovery codes; the old ones no longer work. Keep them somewhere safe: each signs you in once. They are shown only now.",
    turnOffTitle: "Turn two-step sign-in off",
    turnOffIntro: "Enter your password or a current code to turn it off.",
    turnOffSecret: "Password or code",
    turnOff: "Turn off",
    turnOffInvalid: "That is neither your password nor a current code.",
    turnedOff: "Two-step sign-in is off.",
    cannotTurnOff:
      "The tracker requires two-step sign-in for your role, so it cannot be turned off. An administrator can reset it if you lose your phone.",
  },
  admin: {
    settingTitle: "Two-step sign-in",
    settingLabel: "Require two-step sign-in for",
    nobody: "Nobody",
    admins: "Administrators",
    admins_and_editors: "Administrators and editors",
    settingSave: "Save",
    settingSaved: "Saved: two-step sign-in is required for {who}.",
    column: "Two-step",
    on: "On",
    off: "Off",
    reset: "Reset two-step sign-in",
    resetDone: "Two-step sign-in of {email} was reset: they set it up again at their next sign-in.",
  },
};

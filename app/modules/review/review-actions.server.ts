// The review forms, on an item's page and in the queue: each posted form becomes a call of the
// review module, and its outcome what the page shows (errors next to the change's fields, kept).
import { data } from "react-router";
import { ValidationError } from "#app/utils/domain-errors.ts";
import { typedValues, type FormValues } from "#app/utils/forms.ts";
import { domainErrorStatus, throwUnlessFormError } from "#app/utils/http.server.ts";
import {
  amendChange,
  approveChange,
  AwaitingReviewError,
  returnChange,
  withdrawChange,
  type ActingUser,
} from "./review.server.ts";

export const reviewIntents = [
  "review-approve",
  "review-return",
  "review-amend",
  "review-withdraw",
] as const;
export type ReviewIntent = (typeof reviewIntents)[number];

export const isReviewIntent = (value: unknown): value is ReviewIntent =>
  reviewIntents.includes(value as ReviewIntent);

export type ReviewActionResult = {
  intent: ReviewIntent;
  changeId: string;
  ok: boolean;
  fieldErrors?: Record<string, string[]>;
  values?: FormValues;
  /** Someone reviewed or amended the change since the page was loaded. */
  stale?: boolean;
  awaitingReview?: boolean;
};

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/**
 * Runs a review form for a logged-in staff member (the route checks the role; the module checks
 * who may do what: a 403 for an author approving their own change). Bad input is a 422 with
 * the fields named; a change reviewed meanwhile a 409; a change that is gone a 404.
 */
export async function runReviewAction(user: ActingUser, form: FormData) {
  const intent = text(form, "intent");
  if (!isReviewIntent(intent)) {
    throw data({ field: "intent", message: "unknown form" }, { status: 400 });
  }
  const changeId = text(form, "changeId");
  const decision = { changeId, expectedVersion: text(form, "expectedVersion") };
  try {
    switch (intent) {
      case "review-approve":
        await approveChange(user, decision);
        break;
      case "review-return":
        await returnChange(user, { ...decision, reason: text(form, "reason") });
        break;
      case "review-amend":
        await amendChange(user, {
          ...decision,
          toStatus: text(form, "toStatus"),
          summary: text(form, "summary"),
          occurredOn: text(form, "occurredOn"),
          body: text(form, "body"),
          title: text(form, "title"),
          url: text(form, "url"),
          description: text(form, "description"),
          documentedOn: text(form, "documentedOn"),
        });
        break;
      case "review-withdraw":
        await withdrawChange(user, decision);
        break;
    }
    return data<ReviewActionResult>({ intent, changeId, ok: true });
  } catch (error) {
    const values = typedValues(form, {});
    if (error instanceof AwaitingReviewError) {
      return data<ReviewActionResult>(
        { intent, changeId, ok: false, values, awaitingReview: true },
        { status: 409 },
      );
    }
    throwUnlessFormError(error);
    if (error instanceof ValidationError) {
      return data<ReviewActionResult>(
        { intent, changeId, ok: false, values, fieldErrors: error.fieldErrors },
        { status: domainErrorStatus(error)! },
      );
    }
    return data<ReviewActionResult>(
      { intent, changeId, ok: false, values, stale: true },
      { status: 409 },
    );
  }
}

// The item page's related-item forms: adding a link and removing one, turned into calls of the
// relations module and their outcome into what the page shows (errors next to the fields in the
// reader's language, what was typed kept).
import { data } from "react-router";
import type { Role } from "#app/generated/prisma/enums.ts";
import { ValidationError } from "#app/utils/domain-errors.ts";
import { typedValues } from "#app/utils/forms.ts";
import { domainErrorStatus, throwUnlessFormError } from "#app/utils/http.server.ts";
import type { RelationActionResult, RelationIntent } from "./relation-intents.ts";
import { addRelation, removeRelation } from "./relations.server.ts";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/**
 * Runs one of the related-item forms for the item. Bad input comes back as 422 with the typed
 * values; a missing link or item is a 404 page, a forbidden action a 403 page, an archived item
 * a 409 page.
 */
export async function runRelationAction(
  user: { id: string; role: Role },
  recommendationId: string,
  form: FormData,
) {
  const intent = text(form, "intent") as RelationIntent;
  try {
    if (intent === "relation-add") {
      await addRelation(user, {
        recommendationId,
        type: text(form, "type"),
        other: text(form, "other"),
        reason: text(form, "reason"),
      });
    } else {
      await removeRelation(user, { recommendationId, relationId: text(form, "relationId") });
    }
    return data<RelationActionResult>({ intent, ok: true });
  } catch (error) {
    throwUnlessFormError(error);
    if (!(error instanceof ValidationError)) throw error;
    return data<RelationActionResult>(
      { intent, ok: false, fieldErrors: error.fieldErrors, values: typedValues(form) },
      { status: domainErrorStatus(error)! },
    );
  }
}

// The forms of the pages that manage what one follows (/following/<token> for a visitor,
// /following for a signed-in person): one follow's frequency, stopping one follow, the mail's
// language, unsubscribing from everything. The page has decided whose follows these are.
import { data } from "react-router";
import { prisma } from "#app/utils/db.server.ts";
import { badRequest, FIELD_ERRORS_STATUS } from "#app/utils/http.server.ts";
import { ValidationError } from "#app/utils/domain-errors.ts";
import {
  changeFrequency,
  changeLocale,
  describeTarget,
  unfollow,
  unsubscribeAll,
} from "./follow.server.ts";
import type { Locale, MessageKey } from "#app/utils/i18n.ts";

export type ManageActionData = {
  message: { kind: "success" | "error"; key: MessageKey; params?: Record<string, string> };
  fieldErrors?: Record<string, string[]>;
};

function followIdOf(form: FormData): string {
  const id = form.get("followId");
  // Ids are cuids: anything else (NUL above all, which PostgreSQL refuses) names no follow.
  if (typeof id !== "string" || !/^[a-z0-9]{1,100}$/.test(id.trim())) {
    throw badRequest("followId", "forms.required");
  }
  return id.trim();
}

const intents = ["frequency", "remove", "locale", "unsubscribe"];

/**
 * Runs one of the manage page's forms for `followerId` (null: a signed-in person who follows
 * nothing yet); a response to return from the action. An unknown form is a 400.
 */
export async function runManageAction(
  followerId: string | null,
  form: FormData,
  locale: Locale,
  actorId: string | null,
) {
  const intent = form.get("intent");
  if (typeof intent !== "string" || !intents.includes(intent)) {
    throw badRequest("intent", "must be frequency, remove, locale or unsubscribe");
  }
  const notFound = () =>
    data<ManageActionData>(
      { message: { kind: "error", key: "follow.manage.notFound" } },
      { status: 404 },
    );
  if (!followerId) return notFound();
  try {
    if (intent === "frequency") {
      const ok = await changeFrequency(
        followerId,
        followIdOf(form),
        form.get("frequency"),
        actorId,
      );
      return ok
        ? data<ManageActionData>({ message: { kind: "success", key: "follow.manage.saved" } })
        : notFound();
    }
    if (intent === "remove") {
      const followId = followIdOf(form);
      const row = await prisma.follow.findFirst({ where: { id: followId, followerId } });
      if (!row || !(await unfollow(followerId, followId, actorId))) return notFound();
      const { label } = await describeTarget({ kind: row.kind, target: row.target }, locale);
      return data<ManageActionData>({
        message: { kind: "success", key: "follow.manage.removed", params: { what: label } },
      });
    }
    if (intent === "locale") {
      await changeLocale(followerId, form.get("locale"), actorId);
      return data<ManageActionData>({ message: { kind: "success", key: "follow.manage.saved" } });
    }
    if (intent === "unsubscribe") {
      await unsubscribeAll(followerId, actorId);
      return data<ManageActionData>({
        message: { kind: "success", key: "follow.manage.unsubscribed" },
      });
    }
  } catch (error) {
    if (error instanceof ValidationError) {
      const [message] = Object.values(error.fieldErrors).flat();
      return data<ManageActionData>(
        {
          message: { kind: "error", key: (message ?? "forms.required") as MessageKey },
          fieldErrors: error.fieldErrors,
        },
        { status: FIELD_ERRORS_STATUS },
      );
    }
    throw error;
  }
  return notFound();
}

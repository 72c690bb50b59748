import type { Route } from "./+types/following";
import { ManageFollows } from "#app/components/follow/manage-follows.tsx";
import { requireUser } from "#app/modules/auth/auth.server.ts";
import { followerIdOfUser, followsOf, maskEmail } from "#app/modules/follow/follow.server.ts";
import { runManageAction } from "#app/modules/follow/manage-actions.server.ts";
import { translator, useT, type Locale } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { readForm } from "#app/utils/upload.server.ts";

// What a signed-in person follows with their account.

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const locale = await getLocale(request);
  const t = translator(locale);
  const followerId = await followerIdOfUser(user.id);
  const view = (followerId && (await followsOf(followerId, locale))) || {
    id: "",
    maskedEmail: maskEmail(user.email),
    locale: (user.locale ?? locale) as Locale,
    confirmed: true,
    follows: [],
  };
  return { view, email: user.email, pageTitle: t("follow.manage.title"), appName: t("app.name") };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request);
  const followerId = await followerIdOfUser(user.id);
  const locale = await getLocale(request);
  return runManageAction(followerId, form, locale, user.id);
}

export default function FollowingPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <ManageFollows
      view={loaderData.view}
      intro={t("follow.manage.signedInIntro", { email: loaderData.email })}
      result={actionData}
    />
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);

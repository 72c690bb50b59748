import { data } from "react-router";
import type { Route } from "./+types/manage";
import { InvalidLink, ManageFollows } from "#app/components/follow/manage-follows.tsx";
import { followsOf } from "#app/modules/follow/follow.server.ts";
import { runManageAction } from "#app/modules/follow/manage-actions.server.ts";
import { followerIdOfManageToken } from "#app/modules/follow/tokens.server.ts";
import { translator, useT } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { readForm } from "#app/utils/upload.server.ts";

// What a follower follows, reached by the link in their mail (no account needed): the token is
// the key, so the page never names the address in full.

export async function loader({ request, params }: Route.LoaderArgs) {
  const locale = await getLocale(request);
  const t = translator(locale);
  const followerId = await followerIdOfManageToken(params.token);
  const view = followerId ? await followsOf(followerId, locale) : null;
  if (!view) {
    return data(
      {
        view: null,
        confirmed: false,
        pageTitle: t("follow.confirm.invalidTitle"),
        appName: t("app.name"),
      },
      { status: 404 },
    );
  }
  const confirmed = new URL(request.url).searchParams.get("confirmed") === "1";
  return { view, confirmed, pageTitle: t("follow.manage.title"), appName: t("app.name") };
}

export async function action({ request, params }: Route.ActionArgs) {
  const followerId = await followerIdOfManageToken(params.token);
  if (!followerId) throw data({ message: "follow.confirm.invalid" }, { status: 404 });
  const form = await readForm(request);
  return runManageAction(followerId, form, await getLocale(request), null);
}

export default function ManagePage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  if (!loaderData.view) return <InvalidLink />;
  return (
    <ManageFollows
      view={loaderData.view}
      intro={t("follow.manage.intro", { email: loaderData.view.maskedEmail })}
      result={actionData}
      notice={loaderData.confirmed && !actionData ? t("follow.confirm.done") : undefined}
    />
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  ...titleMeta(loaderData),
  { name: "robots", content: "noindex" },
];

import { data, redirect } from "react-router";
import type { Route } from "./+types/confirm";
import { InvalidLink } from "#app/components/follow/manage-follows.tsx";
import { confirm } from "#app/modules/follow/follow.server.ts";
import { createFollowerToken } from "#app/modules/follow/tokens.server.ts";
import { translator } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { titleMeta } from "#app/utils/meta.ts";

// The link of the confirmation mail: confirms the address, then opens the page to manage what it
// follows (with a manage link of its own, as a digest's). An unknown or expired link: a page
// that says so (404).
export async function loader({ request, params }: Route.LoaderArgs) {
  const followerId = await confirm(params.token);
  if (followerId) {
    const manage = await createFollowerToken(followerId, "manage");
    return redirect(`/following/${manage}?confirmed=1`);
  }
  const t = translator(await getLocale(request));
  return data(
    { pageTitle: t("follow.confirm.invalidTitle"), appName: t("app.name") },
    { status: 404 },
  );
}

export default function ConfirmPage() {
  return <InvalidLink />;
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  ...titleMeta(loaderData),
  { name: "robots", content: "noindex" },
];

import { data, Form, Link, useParams } from "react-router";
import type { Route } from "./+types/unsubscribe";
import { InvalidLink } from "#app/components/follow/manage-follows.tsx";
import { FormMessage, SubmitButton } from "#app/components/ui/field.tsx";
import { followsOf, unsubscribeAll } from "#app/modules/follow/follow.server.ts";
import { followerIdOfManageToken } from "#app/modules/follow/tokens.server.ts";
import { translator, useT } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { titleMeta } from "#app/utils/meta.ts";

// Unsubscribing from every digest: a page with one button, and the one-click POST of RFC 8058
// that mail programs send from a digest's List-Unsubscribe header (body
// "List-Unsubscribe=One-Click", no cookie, no page of ours before it: server.js lets this path
// through its same-origin check). The token is the only key; the body is not needed.

export async function loader({ request, params }: Route.LoaderArgs) {
  const locale = await getLocale(request);
  const t = translator(locale);
  const followerId = await followerIdOfManageToken(params.token);
  const view = followerId ? await followsOf(followerId, locale) : null;
  const base = { pageTitle: t("follow.unsubscribe.title"), appName: t("app.name") };
  if (!view) return data({ ...base, email: null }, { status: 404 });
  return { ...base, email: view.maskedEmail };
}

export async function action({ request, params }: Route.ActionArgs) {
  const followerId = await followerIdOfManageToken(params.token);
  const t = translator(await getLocale(request));
  if (!followerId) {
    return data(
      { done: false, pageTitle: t("follow.confirm.invalidTitle"), appName: t("app.name") },
      { status: 404 },
    );
  }
  await unsubscribeAll(followerId);
  return { done: true, pageTitle: t("follow.unsubscribe.title"), appName: t("app.name") };
}

export default function UnsubscribePage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { token } = useParams();
  if (actionData ? !actionData.done : !loaderData.email) return <InvalidLink />;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("follow.unsubscribe.title")}</h1>
      {actionData?.done ? (
        <FormMessage kind="success">{t("follow.unsubscribe.done")}</FormMessage>
      ) : (
        <>
          <p>{t("follow.unsubscribe.intro", { email: loaderData.email ?? "" })}</p>
          <Form method="post">
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <SubmitButton variant="danger">{t("follow.unsubscribe.button")}</SubmitButton>
          </Form>
        </>
      )}
      <p>
        <Link to={`/following/${token ?? ""}`}>{t("follow.unsubscribe.manage")}</Link>
      </p>
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  ...titleMeta(loaderData),
  { name: "robots", content: "noindex" },
];

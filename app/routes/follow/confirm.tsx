import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/confirm";
import { InvalidLink } from "#app/components/follow/manage-follows.tsx";
import { SubmitButton } from "#app/components/ui/field.tsx";
import { confirmAndManage, confirmationOf } from "#app/modules/follow/follow.server.ts";
import { translator, useT } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { titleMeta } from "#app/utils/meta.ts";

// The link of the confirmation mail. Opening it only shows a "Confirm" button: mail scanners and
// link previews open links, and must not confirm for the reader. The button's POST confirms the
// address and the follow, then opens the page to manage what it follows (with a manage link of
// its own, as a digest's). An unknown or expired link: a page that says so (404).

async function invalid(request: Request) {
  const t = translator(await getLocale(request));
  return data(
    { valid: false, pageTitle: t("follow.confirm.invalidTitle"), appName: t("app.name") },
    { status: 404 },
  );
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const locale = await getLocale(request);
  const confirmation = await confirmationOf(params.token, locale);
  if (!confirmation) return invalid(request);
  const t = translator(locale);
  return {
    valid: true,
    follow: confirmation.follow,
    pageTitle: t("follow.confirm.title"),
    appName: t("app.name"),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const manage = await confirmAndManage(params.token);
  if (!manage) return invalid(request);
  return redirect(`/following/${manage}?confirmed=1`);
}

export default function ConfirmPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  if (!loaderData.valid || actionData?.valid === false) return <InvalidLink />;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("follow.confirm.title")}</h1>
      <p>{t("follow.confirm.intro", { app: t("app.name") })}</p>
      {"follow" in loaderData && loaderData.follow && (
        <p data-testid="confirm-what">
          {t("follow.confirm.what", {
            what: loaderData.follow.label,
            frequency: t(`follow.frequencyWords.${loaderData.follow.frequency}`),
          })}
        </p>
      )}
      <Form method="post">
        <SubmitButton>{t("follow.confirm.button")}</SubmitButton>
      </Form>
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  ...titleMeta(loaderData),
  { name: "robots", content: "noindex" },
];

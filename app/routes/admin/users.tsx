import { data, Form } from "react-router";
import type { Route } from "./+types/users";
import { AdminNav } from "#app/components/admin-nav.tsx";
import { FormMessage, inputClass, SubmitButton, TextField } from "#app/components/ui/field.tsx";
import { requireRole } from "#app/modules/auth/auth.server.ts";
import { roles } from "#app/modules/auth/permissions.ts";
import { InviteSchema, UserActionSchema } from "#app/modules/auth/schemas.ts";
import {
  changeRole,
  inviteUser,
  issuePasswordReset,
  listUsers,
  setDisabled,
} from "#app/modules/auth/users.server.ts";
import { parseForm } from "#app/utils/forms.ts";
import { badRequest } from "#app/utils/http.server.ts";
import { formatDate, translator, useLocale, useT, type MessageKey } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { titleMeta } from "#app/utils/meta.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  const admin = requireRole(context, request, "admin");
  const t = translator(await getLocale(request));
  return {
    users: await listUsers(),
    currentUserId: admin.id,
    pageTitle: t("admin.usersTitle"),
    appName: t("app.name"),
  };
}

type ActionResult = {
  link?: { kind: "invite" | "reset"; url: string; email: string };
  message?: { kind: "error" | "success"; key: MessageKey };
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
};

const failureMessages: Record<"not_found" | "conflict" | "last_admin", MessageKey> = {
  not_found: "admin.notFound",
  conflict: "admin.conflict",
  last_admin: "admin.lastAdmin",
};

export async function action({ request, context }: Route.ActionArgs) {
  const admin = requireRole(context, request, "admin");
  const form = await request.formData();
  const origin = new URL(request.url).origin;

  if (form.get("intent") === "invite") {
    const parsed = parseForm(InviteSchema, form);
    if (!parsed.success) {
      return data<ActionResult>(
        { fieldErrors: parsed.fieldErrors, values: parsed.values },
        { status: 400 },
      );
    }
    const result = await inviteUser(parsed.data, admin.id);
    if (!result.ok) {
      return data<ActionResult>(
        {
          fieldErrors: { email: ["admin.emailTaken"] },
          values: { email: parsed.data.email, role: parsed.data.role },
        },
        { status: 400 },
      );
    }
    return data<ActionResult>({
      link: { kind: "invite", url: `${origin}/invite/${result.token}`, email: parsed.data.email },
    });
  }

  const parsed = parseForm(UserActionSchema, form);
  if (!parsed.success) {
    const [field, messages] = Object.entries(parsed.fieldErrors)[0] ?? ["intent", ["invalid"]];
    throw badRequest(field, messages.join(" "));
  }
  const input = parsed.data;
  if (input.intent === "reset") {
    const reset = await issuePasswordReset(input.userId, admin.id);
    if (!reset) {
      return data<ActionResult>(
        { message: { kind: "error", key: "admin.notFound" } },
        { status: 404 },
      );
    }
    return data<ActionResult>({
      link: { kind: "reset", url: `${origin}/reset/${reset.token}`, email: reset.email },
    });
  }
  const result =
    input.intent === "role"
      ? await changeRole(
          { userId: input.userId, expectedVersion: input.version, role: input.role },
          admin.id,
        )
      : await setDisabled(
          {
            userId: input.userId,
            expectedVersion: input.version,
            disabled: input.intent === "disable",
          },
          admin.id,
        );
  if (!result.ok) {
    const status = result.code === "not_found" ? 404 : 409;
    return data<ActionResult>(
      { message: { kind: "error", key: failureMessages[result.code] } },
      { status },
    );
  }
  return data<ActionResult>({ message: { kind: "success", key: "admin.done" } });
}

export default function AdminUsersPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-8">
      <AdminNav />
      <h1 className="text-3xl font-bold">{t("admin.usersTitle")}</h1>

      {actionData?.message && (
        <FormMessage kind={actionData.message.kind}>{t(actionData.message.key)}</FormMessage>
      )}
      {actionData?.link && (
        <FormMessage kind="success">
          <p>
            {t(actionData.link.kind === "invite" ? "admin.inviteLink" : "admin.resetLink", {
              email: actionData.link.email,
            })}
          </p>
          <p className="mt-2">
            <code
              data-testid="one-time-link"
              className="block break-all rounded bg-white px-2 py-1 text-gray-900"
            >
              {actionData.link.url}
            </code>
          </p>
        </FormMessage>
      )}

      <section aria-labelledby="invite-heading" className="rounded-lg border border-gray-200 p-4">
        <h2 id="invite-heading" className="text-xl font-semibold">
          {t("admin.inviteTitle")}
        </h2>
        <Form method="post" className="flex flex-wrap items-end gap-4">
          <input type="hidden" name="intent" value="invite" />
          <TextField
            name="email"
            type="email"
            label={t("admin.inviteEmail")}
            required
            className="mt-2 min-w-64 flex-1"
            defaultValue={actionData?.values?.email ?? ""}
            errors={actionData?.fieldErrors?.email}
          />
          <div className="mt-2">
            <label htmlFor="invite-role" className="block text-sm font-semibold">
              {t("admin.inviteRole")}
            </label>
            <select
              id="invite-role"
              name="role"
              defaultValue={actionData?.values?.role ?? "editor"}
              className={inputClass}
            >
              {roles.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}`)}
                </option>
              ))}
            </select>
          </div>
          <SubmitButton>{t("admin.inviteSubmit")}</SubmitButton>
        </Form>
      </section>

      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">{t("admin.usersTableCaption")}</caption>
          <thead>
            <tr className="border-b border-gray-300">
              <th scope="col" className="py-2 pr-3">
                {t("admin.columns.name")}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t("admin.columns.email")}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t("admin.columns.role")}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t("admin.columns.status")}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t("admin.columns.lastLogin")}
              </th>
              <th scope="col" className="py-2">
                {t("admin.columns.actions")}
              </th>
            </tr>
          </thead>
          <tbody>
            {loaderData.users.map((user) => (
              <tr
                key={`${user.id}-${user.version}`}
                className="border-b border-gray-100 align-top"
                data-testid="user-row"
              >
                <td className="py-2 pr-3">
                  {user.name}{" "}
                  {user.id === loaderData.currentUserId && (
                    <span className="text-gray-700">{t("admin.you")}</span>
                  )}
                </td>
                <td className="py-2 pr-3">{user.email}</td>
                <td className="py-2 pr-3">
                  <Form method="post" className="flex items-center gap-2">
                    <input type="hidden" name="intent" value="role" />
                    <input type="hidden" name="userId" value={user.id} />
                    <input type="hidden" name="version" value={user.version} />
                    <select
                      name="role"
                      defaultValue={user.role}
                      aria-label={t("admin.roleFor", { name: user.name })}
                      className="rounded border border-gray-400 px-2 py-1"
                    >
                      {roles.map((role) => (
                        <option key={role} value={role}>
                          {t(`roles.${role}`)}
                        </option>
                      ))}
                    </select>
                    <SubmitButton
                      variant="secondary"
                      aria-label={`${t("admin.saveRole")}: ${user.name}`}
                    >
                      {t("admin.saveRole")}
                    </SubmitButton>
                  </Form>
                </td>
                <td className="py-2 pr-3">
                  {user.disabled ? t("admin.disabled") : t("admin.active")}
                </td>
                <td className="py-2 pr-3">
                  {user.lastLoginAt ? formatDate(locale, user.lastLoginAt) : t("admin.never")}
                </td>
                <td className="py-2">
                  <div className="flex flex-wrap gap-2">
                    <Form method="post">
                      <input
                        type="hidden"
                        name="intent"
                        value={user.disabled ? "enable" : "disable"}
                      />
                      <input type="hidden" name="userId" value={user.id} />
                      <input type="hidden" name="version" value={user.version} />
                      <SubmitButton
                        variant={user.disabled ? "secondary" : "danger"}
                        aria-label={`${user.disabled ? t("admin.enable") : t("admin.disable")}: ${user.name}`}
                      >
                        {user.disabled ? t("admin.enable") : t("admin.disable")}
                      </SubmitButton>
                    </Form>
                    {!user.disabled && (
                      <Form method="post">
                        <input type="hidden" name="intent" value="reset" />
                        <input type="hidden" name="userId" value={user.id} />
                        <SubmitButton
                          variant="secondary"
                          aria-label={`${t("admin.issueReset")}: ${user.name}`}
                        >
                          {t("admin.issueReset")}
                        </SubmitButton>
                      </Form>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);

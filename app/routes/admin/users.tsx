import {
  getTrackerReviewRequired,
  setTrackerReviewRequired,
} from "#app/modules/review/review.server.ts";
import { data, Form } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/users";
import { AdminNav } from "#app/components/admin-nav.tsx";
import { CopyLink } from "#app/components/ui/copy-link.tsx";
import { FormMessage, inputClass, SubmitButton, TextField } from "#app/components/ui/field.tsx";
import { StackedCell, StackedRow, StackedTable } from "#app/components/ui/stacked-table.tsx";
import type { Role } from "#app/generated/prisma/enums.ts";
import { requireRole } from "#app/modules/auth/auth.server.ts";
import { mailInvitation, mailPasswordReset } from "#app/modules/auth/account-mail.server.ts";
import { mailEnabled } from "#app/modules/mail/mailer.server.ts";
import { getEnv, linkOrigin } from "#app/utils/env.server.ts";
import { roles } from "#app/modules/auth/permissions.ts";
import {
  InviteSchema,
  TwoStepRequirementSchema,
  UserActionSchema,
} from "#app/modules/auth/schemas.ts";
import {
  getTwoStepRequirement,
  resetTwoStep,
  setTwoStepRequirement,
} from "#app/modules/auth/two-step.server.ts";
import {
  changeRole,
  inviteUser,
  issuePasswordReset,
  listPendingInvites,
  listUsers,
  reissueInvite,
  revokeInvite,
  setDisabled,
  setPublicName,
  type InviteFailure,
} from "#app/modules/auth/users.server.ts";
import { PUBLIC_NAME_MAX } from "#app/modules/tracking/people.ts";
import { prisma } from "#app/utils/db.server.ts";
import { parseForm } from "#app/utils/forms.ts";
import { badRequest, FIELD_ERRORS_STATUS } from "#app/utils/http.server.ts";
import { formatDateTime, type MessageKey, translator, useLocale, useT } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { readForm } from "#app/utils/upload.server.ts";

// Revoking an invitation, or replacing its link, names the invitation by its id.
const InviteActionSchema = z.object({
  intent: z.enum(["revoke-invite", "reissue-invite"]),
  inviteId: z.string().trim().min(1).max(100),
});

const TwoStepResetSchema = z.object({
  intent: z.literal("two-step-reset"),
  userId: z.string().trim().min(1).max(100),
});

const twoStepRequirements = ["nobody", "admins", "admins_and_editors"] as const;

// The name public pages show for a user (people.ts): an admin's choice, empty for their role.
const PublicNameSchema = z.object({
  intent: z.literal("public-name"),
  userId: z.string().trim().min(1).max(100),
  version: z.coerce.number().int().min(1),
  publicName: z.string().trim().max(PUBLIC_NAME_MAX, "hardeningDomain.privacy.publicNameTooLong"),
});

export async function loader({ request, context }: Route.LoaderArgs) {
  const admin = requireRole(context, request, "admin");
  const t = translator(await getLocale(request));
  const [users, invites, twoStepRequiredFor, reviewRequired] = await Promise.all([
    listUsers(),
    listPendingInvites(),
    getTwoStepRequirement(),
    getTrackerReviewRequired(),
  ]);
  return {
    users,
    invites,
    twoStepRequiredFor,
    reviewRequired,
    // Whether invitations and resets also go by mail (and digests at all).
    mail: { on: mailEnabled(), from: getEnv().MAIL_FROM ?? "" },
    currentUserId: admin.id,
    pageTitle: t("admin.usersTitle"),
    appName: t("app.name"),
  };
}

type ActionResult = {
  link?: {
    kind: "invite" | "reset";
    url: string;
    email: string | null;
    /** Whether the link also went by mail (absent: there was no address to send it to). */
    mailed?: boolean;
  };
  /** Messages about invitations show beside their list; the others above the accounts. */
  message?: {
    kind: "error" | "success";
    key: MessageKey;
    about: "invites" | "users" | "two-step" | "sign-off";
    params?: Record<string, string>;
  };
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
};

const failureMessages: Record<"not_found" | "conflict" | "last_admin", MessageKey> = {
  not_found: "admin.notFound",
  conflict: "admin.conflict",
  last_admin: "admin.lastAdmin",
};

const inviteFailures: Record<InviteFailure["code"], { key: MessageKey; status: number }> = {
  not_found: { key: "admin.inviteNotFound", status: 404 },
  used: { key: "admin.inviteUsed", status: 409 },
  expired: { key: "admin.inviteExpired", status: 409 },
  email_taken: { key: "admin.inviteEmailTaken", status: 409 },
};

export async function action({ request, context }: Route.ActionArgs) {
  const admin = requireRole(context, request, "admin");
  const form = await readForm(request);
  // Invitation and reset links may be mailed: on PUBLIC_URL when set, never on the Host sent.
  const origin = linkOrigin(request);
  const intent = form.get("intent");
  const locale = await getLocale(request);
  const mailInvite = (email: string, url: string, role: Role) =>
    mailInvitation({ email, link: url, role, invitedBy: admin.name, locale });

  if (intent === "invite") {
    const parsed = parseForm(InviteSchema, form);
    if (!parsed.success) {
      return data<ActionResult>(
        { fieldErrors: parsed.fieldErrors, values: parsed.values },
        { status: FIELD_ERRORS_STATUS },
      );
    }
    const result = await inviteUser(parsed.data, admin.id);
    if (!result.ok) {
      return data<ActionResult>(
        {
          fieldErrors: { email: ["admin.emailTaken"] },
          values: { email: parsed.data.email, role: parsed.data.role },
        },
        { status: FIELD_ERRORS_STATUS },
      );
    }
    const url = `${origin}/invite/${result.token}`;
    const mailed = await mailInvite(parsed.data.email, url, parsed.data.role);
    return data<ActionResult>({
      link: { kind: "invite", url, email: parsed.data.email, mailed },
    });
  }

  if (intent === "revoke-invite" || intent === "reissue-invite") {
    const parsed = parseForm(InviteActionSchema, form);
    if (!parsed.success) throw badRequest("inviteId", "forms.required");
    const { inviteId } = parsed.data;
    const failed = (failure: InviteFailure) =>
      data<ActionResult>(
        { message: { kind: "error", key: inviteFailures[failure.code].key, about: "invites" } },
        { status: inviteFailures[failure.code].status },
      );
    if (intent === "reissue-invite") {
      const result = await reissueInvite(inviteId, admin.id);
      if (!result.ok) return failed(result);
      const url = `${origin}/invite/${result.token}`;
      const mailed = result.email ? await mailInvite(result.email, url, result.role) : undefined;
      return data<ActionResult>({ link: { kind: "invite", url, email: result.email, mailed } });
    }
    const result = await revokeInvite(inviteId, admin.id);
    if (!result.ok) return failed(result);
    return data<ActionResult>({
      message: { kind: "success", key: "admin.inviteRevoked", about: "invites" },
    });
  }

  if (intent === "two-step-setting") {
    const parsed = parseForm(TwoStepRequirementSchema, form);
    if (!parsed.success) {
      throw badRequest("twoStepRequiredFor", "must be nobody, admins or admins_and_editors");
    }
    await setTwoStepRequirement(parsed.data.twoStepRequiredFor, admin.id);
    return data<ActionResult>({
      message: {
        kind: "success",
        key: "twoStep.admin.settingSaved",
        about: "two-step",
        params: { who: parsed.data.twoStepRequiredFor },
      },
    });
  }

  if (intent === "review-setting") {
    const value = form.get("reviewRequired");
    if (value !== null && value !== "on")
      throw badRequest("reviewRequired", "must be on or absent");
    await setTrackerReviewRequired(admin, value === "on");
    return data<ActionResult>({
      message: {
        kind: "success",
        key: value === "on" ? "signOff.setting.savedOn" : "signOff.setting.savedOff",
        about: "sign-off",
      },
    });
  }

  if (intent === "two-step-reset") {
    const parsed = parseForm(TwoStepResetSchema, form);
    if (!parsed.success) throw badRequest("userId", "forms.required");
    const user = await prisma.user.findUnique({
      where: { id: parsed.data.userId },
      select: { email: true },
    });
    if (!user || !(await resetTwoStep(parsed.data.userId, admin.id))) {
      return data<ActionResult>(
        { message: { kind: "error", key: "admin.notFound", about: "users" } },
        { status: 404 },
      );
    }
    return data<ActionResult>({
      message: {
        kind: "success",
        key: "twoStep.admin.resetDone",
        about: "users",
        params: { email: user.email },
      },
    });
  }

  if (intent === "public-name") {
    const named = parseForm(PublicNameSchema, form);
    if (!named.success) {
      return data<ActionResult>(
        { fieldErrors: named.fieldErrors, values: named.values },
        { status: FIELD_ERRORS_STATUS },
      );
    }
    const result = await setPublicName(
      {
        userId: named.data.userId,
        expectedVersion: named.data.version,
        publicName: named.data.publicName,
      },
      admin.id,
    );
    if (!result.ok) {
      return data<ActionResult>(
        {
          message: { kind: "error", key: failureMessages[result.code], about: "users" },
          values: { publicName: named.data.publicName, userId: named.data.userId },
        },
        { status: result.code === "not_found" ? 404 : 409 },
      );
    }
    return data<ActionResult>({ message: { kind: "success", key: "admin.done", about: "users" } });
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
        { message: { kind: "error", key: "admin.notFound", about: "users" } },
        { status: 404 },
      );
    }
    const url = `${origin}/reset/${reset.token}`;
    const mailed = await mailPasswordReset({
      userId: input.userId,
      link: url,
      issuedBy: admin.name,
      fallback: locale,
    });
    return data<ActionResult>({ link: { kind: "reset", url, email: reset.email, mailed } });
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
      { message: { kind: "error", key: failureMessages[result.code], about: "users" } },
      { status },
    );
  }
  return data<ActionResult>({ message: { kind: "success", key: "admin.done", about: "users" } });
}

/** The public display name of one user: what public pages show instead of their name. */
function PublicNameForm({
  user,
  typed,
  errors,
}: {
  user: {
    id: string;
    name: string;
    publicName: string | null;
    showNamePublicly: boolean;
    version: number;
  };
  typed?: string;
  errors?: string[];
}) {
  const t = useT();
  const inputId = `public-name-${user.id}`;
  return (
    <Form method="post" className="mt-2 flex flex-wrap items-end gap-2 font-normal">
      <input type="hidden" name="intent" value="public-name" />
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="version" value={user.version} />
      <div>
        <label htmlFor={inputId} className="block text-xs text-gray-700">
          {t("hardeningDomain.privacy.publicName")}
          {user.showNamePublicly && ` (${t("hardeningDomain.privacy.showsOwnName")})`}
        </label>
        <input
          id={inputId}
          name="publicName"
          defaultValue={typed ?? user.publicName ?? ""}
          maxLength={PUBLIC_NAME_MAX}
          title={t("hardeningDomain.privacy.publicNameHelp")}
          aria-invalid={errors?.length ? true : undefined}
          className="w-40 rounded border border-gray-400 bg-white px-2 py-1 text-sm"
        />
        {errors?.map((error) => (
          <p key={error} className="text-xs text-status-not-implemented-fg">
            {t(error as MessageKey)}
          </p>
        ))}
      </div>
      <SubmitButton
        variant="secondary"
        aria-label={t("hardeningDomain.privacy.publicNameFor", { name: user.name })}
      >
        {t("hardeningDomain.privacy.savePublicName")}
      </SubmitButton>
    </Form>
  );
}

/** Whether a one-time link also went by mail, under the link. */
function MailedLine({ link }: { link: NonNullable<ActionResult["link"]> }) {
  const t = useT();
  if (link.mailed === undefined) return null;
  return (
    <p className="mt-2 text-sm" data-testid="link-mailed">
      {link.mailed
        ? t("follow.admin.mailed", { email: link.email ?? "" })
        : t("follow.admin.notMailed")}
    </p>
  );
}

/** A one-button form that posts `intent` with `fields` about one row. */
function RowAction({
  intent,
  fields,
  variant,
  label,
  accessibleName,
}: {
  intent: string;
  fields: Record<string, string | number>;
  variant: "secondary" | "danger";
  label: string;
  /** The button's name for screen readers, which says whose row it acts on. */
  accessibleName: string;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton variant={variant} aria-label={accessibleName}>
        {label}
      </SubmitButton>
    </Form>
  );
}

export default function AdminUsersPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const message = actionData?.message;
  const link = actionData?.link;
  return (
    <div className="space-y-8">
      <AdminNav />
      <h1 className="text-3xl font-bold">{t("admin.usersTitle")}</h1>
      <p
        className="rounded border-l-4 border-brand bg-brand-light px-3 py-2"
        role="note"
        data-testid="mail-setting"
      >
        {loaderData.mail.on
          ? t("follow.admin.mailOn", { from: loaderData.mail.from })
          : t("follow.admin.mailOff")}
      </p>

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
            className="mt-2 w-full sm:w-auto sm:min-w-64 sm:flex-1"
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
        {link?.kind === "invite" && (
          <CopyLink
            key={link.url}
            url={link.url}
            testId="one-time-link"
            label={t("admin.linkLabel")}
            description={
              link.email
                ? t("admin.inviteLink", { email: link.email })
                : t("admin.inviteLinkAnyone")
            }
          />
        )}
        {link?.kind === "invite" && <MailedLine link={link} />}
      </section>

      <section
        aria-labelledby="two-step-setting-heading"
        className="rounded-lg border border-gray-200 p-4"
      >
        <h2 id="two-step-setting-heading" className="text-xl font-semibold">
          {t("twoStep.admin.settingTitle")}
        </h2>
        {message?.about === "two-step" && (
          <FormMessage kind={message.kind}>
            {t(message.key, {
              who: t(
                `twoStep.admin.${(message.params?.who ?? "nobody") as (typeof twoStepRequirements)[number]}`,
              ),
            })}
          </FormMessage>
        )}
        <Form method="post" className="mt-2 flex flex-wrap items-end gap-4">
          <input type="hidden" name="intent" value="two-step-setting" />
          <div>
            <label htmlFor="two-step-required-for" className="block text-sm font-semibold">
              {t("twoStep.admin.settingLabel")}
            </label>
            <select
              id="two-step-required-for"
              name="twoStepRequiredFor"
              key={loaderData.twoStepRequiredFor}
              defaultValue={loaderData.twoStepRequiredFor}
              className={inputClass}
            >
              {twoStepRequirements.map((value) => (
                <option key={value} value={value}>
                  {t(`twoStep.admin.${value}`)}
                </option>
              ))}
            </select>
          </div>
          <SubmitButton variant="secondary">{t("twoStep.admin.settingSave")}</SubmitButton>
        </Form>
      </section>

      <section
        aria-labelledby="sign-off-setting-heading"
        className="rounded-lg border border-gray-200 p-4"
      >
        <h2 id="sign-off-setting-heading" className="text-xl font-semibold">
          {t("signOff.setting.title")}
        </h2>
        {message?.about === "sign-off" && (
          <FormMessage kind={message.kind}>{t(message.key)}</FormMessage>
        )}
        <Form method="post" className="mt-2 space-y-3">
          <input type="hidden" name="intent" value="review-setting" />
          <div className="flex items-start gap-2">
            <input
              id="review-required"
              type="checkbox"
              name="reviewRequired"
              key={String(loaderData.reviewRequired)}
              defaultChecked={loaderData.reviewRequired}
              aria-describedby="review-required-hint"
              className="mt-1 h-5 w-5 shrink-0"
            />
            <label htmlFor="review-required" className="font-semibold">
              {t("signOff.setting.label")}
            </label>
          </div>
          <p id="review-required-hint" className="text-sm text-gray-700">
            {t("signOff.setting.hint")}
          </p>
          <SubmitButton variant="secondary">{t("signOff.setting.save")}</SubmitButton>
        </Form>
      </section>

      <PendingInvites
        invites={loaderData.invites}
        message={message?.about === "invites" ? message : undefined}
      />

      <section aria-labelledby="accounts-heading" className="space-y-4">
        <h2 id="accounts-heading" className="text-xl font-semibold">
          {t("admin.accountsTitle")}
        </h2>
        {message?.about === "users" && (
          <FormMessage kind={message.kind}>{t(message.key, message.params)}</FormMessage>
        )}
        {link?.kind === "reset" && (
          <CopyLink
            key={link.url}
            url={link.url}
            testId="one-time-link"
            label={t("admin.linkLabel")}
            description={t("admin.resetLink", { email: link.email ?? "" })}
          />
        )}
        {link?.kind === "reset" && <MailedLine link={link} />}
        <StackedTable
          caption={t("admin.usersTableCaption")}
          columns={[
            { label: t("admin.columns.name") },
            { label: t("admin.columns.email") },
            { label: t("admin.columns.role") },
            { label: t("admin.columns.status") },
            { label: t("admin.columns.lastLogin") },
            { label: t("admin.columns.actions"), className: "py-2" },
          ]}
        >
          {loaderData.users.map((user) => {
            const row = { userId: user.id, version: user.version };
            const toggle = user.disabled ? t("admin.enable") : t("admin.disable");
            return (
              <StackedRow key={`${user.id}-${user.version}`} testId="user-row">
                <StackedCell className="font-semibold sm:font-normal">
                  {user.name}{" "}
                  {user.id === loaderData.currentUserId && (
                    <span className="font-normal text-gray-700">{t("admin.you")}</span>
                  )}
                  <PublicNameForm
                    user={user}
                    typed={
                      actionData?.values?.userId === user.id
                        ? actionData.values.publicName
                        : undefined
                    }
                    errors={
                      actionData?.values?.userId === user.id
                        ? actionData.fieldErrors?.publicName
                        : undefined
                    }
                  />
                </StackedCell>
                <StackedCell className="break-words">{user.email}</StackedCell>
                <StackedCell>
                  <Form method="post" className="flex flex-wrap items-center gap-2">
                    <input type="hidden" name="intent" value="role" />
                    <input type="hidden" name="userId" value={user.id} />
                    <input type="hidden" name="version" value={user.version} />
                    <select
                      name="role"
                      defaultValue={user.role}
                      aria-label={t("admin.roleFor", { name: user.name })}
                      className="rounded border border-gray-400 bg-white px-2 py-1"
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
                </StackedCell>
                <StackedCell label={t("admin.columns.status")}>
                  {user.disabled ? t("admin.disabled") : t("admin.active")}
                  <span className="block text-sm text-gray-700" data-testid="two-step-status">
                    {t("twoStep.admin.column")}:{" "}
                    {user.totpEnabledAt ? t("twoStep.admin.on") : t("twoStep.admin.off")}
                  </span>
                </StackedCell>
                <StackedCell label={t("admin.columns.lastLogin")}>
                  {user.lastLoginAt ? formatDateTime(locale, user.lastLoginAt) : t("admin.never")}
                </StackedCell>
                <StackedCell last className="pt-2">
                  <div className="flex flex-wrap gap-2">
                    <RowAction
                      intent={user.disabled ? "enable" : "disable"}
                      fields={row}
                      variant={user.disabled ? "secondary" : "danger"}
                      label={toggle}
                      accessibleName={`${toggle}: ${user.name}`}
                    />
                    {!user.disabled && (
                      <RowAction
                        intent="reset"
                        fields={{ userId: user.id }}
                        variant="secondary"
                        label={t("admin.issueReset")}
                        accessibleName={`${t("admin.issueReset")}: ${user.name}`}
                      />
                    )}
                    {user.totpEnabledAt && (
                      <RowAction
                        intent="two-step-reset"
                        fields={{ userId: user.id }}
                        variant="secondary"
                        label={t("twoStep.admin.reset")}
                        accessibleName={`${t("twoStep.admin.reset")}: ${user.name}`}
                      />
                    )}
                  </div>
                </StackedCell>
              </StackedRow>
            );
          })}
        </StackedTable>
      </section>
    </div>
  );
}

type PendingInvite = Route.ComponentProps["loaderData"]["invites"][number];

/** Invitations not accepted yet: to whom, sent by whom and when, until when; revoke or renew. */
function PendingInvites({
  invites,
  message,
}: {
  invites: PendingInvite[];
  message?: NonNullable<ActionResult["message"]>;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="pending-heading" className="space-y-4">
      <h2 id="pending-heading" className="text-xl font-semibold">
        {t("admin.pendingTitle")}
      </h2>
      <p className="text-gray-700">{t("admin.pendingIntro")}</p>
      {message && <FormMessage kind={message.kind}>{t(message.key)}</FormMessage>}
      {invites.length === 0 ? (
        <p>{t("admin.pendingNone")}</p>
      ) : (
        <StackedTable
          caption={t("admin.pendingCaption")}
          columns={[
            { label: t("admin.inviteColumns.email") },
            { label: t("admin.inviteColumns.role") },
            { label: t("admin.inviteColumns.sentBy") },
            { label: t("admin.inviteColumns.sentAt") },
            { label: t("admin.inviteColumns.expiresAt") },
            { label: t("admin.inviteColumns.actions"), className: "py-2" },
          ]}
        >
          {invites.map((invite) => {
            const setup = !invite.createdBy && !invite.email;
            const who = invite.email ?? (setup ? t("admin.setupLink") : t("admin.anyEmail"));
            return (
              <StackedRow key={invite.id} testId="invite-row">
                <StackedCell className="font-semibold break-words sm:font-normal">
                  {who}
                </StackedCell>
                <StackedCell label={t("admin.inviteColumns.role")}>
                  {t(`roles.${invite.role}`)}
                </StackedCell>
                <StackedCell label={t("admin.inviteColumns.sentBy")}>
                  {invite.createdBy?.name ?? t("admin.system")}
                </StackedCell>
                <StackedCell label={t("admin.inviteColumns.sentAt")}>
                  <time dateTime={new Date(invite.createdAt).toISOString()}>
                    {formatDateTime(locale, invite.createdAt)}
                  </time>
                </StackedCell>
                <StackedCell label={t("admin.inviteColumns.expiresAt")}>
                  <time dateTime={new Date(invite.expiresAt).toISOString()}>
                    {formatDateTime(locale, invite.expiresAt)}
                  </time>
                </StackedCell>
                <StackedCell last className="pt-2">
                  <div className="flex flex-wrap gap-2">
                    <RowAction
                      intent="reissue-invite"
                      fields={{ inviteId: invite.id }}
                      variant="secondary"
                      label={t("admin.reissue")}
                      accessibleName={t("admin.reissueLabel", { who })}
                    />
                    <RowAction
                      intent="revoke-invite"
                      fields={{ inviteId: invite.id }}
                      variant="danger"
                      label={t("admin.revoke")}
                      accessibleName={t("admin.revokeLabel", { who })}
                    />
                  </div>
                </StackedCell>
              </StackedRow>
            );
          })}
        </StackedTable>
      )}
    </section>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);

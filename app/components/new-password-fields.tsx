import { TextField } from "#app/components/ui/field.tsx";
import { useT } from "#app/utils/i18n.ts";

/** A new password and its repetition, as the invite, reset and account forms ask for them. */
export function NewPasswordFields({
  errors,
  labels = "auth",
}: {
  errors?: Record<string, string[]>;
  /** "auth": "Password" / "Repeat the password"; "account": "New password" / "Repeat the new password". */
  labels?: "auth" | "account";
}) {
  const t = useT();
  return (
    <>
      <TextField
        name="password"
        type="password"
        label={labels === "auth" ? t("auth.password") : t("account.newPassword")}
        hint={t("auth.passwordHint")}
        autoComplete="new-password"
        required
        errors={errors?.password}
      />
      <TextField
        name="confirmPassword"
        type="password"
        label={labels === "auth" ? t("auth.confirmPassword") : t("account.confirmPassword")}
        autoComplete="new-password"
        required
        errors={errors?.confirmPassword}
      />
    </>
  );
}

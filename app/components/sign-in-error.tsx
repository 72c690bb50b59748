import { FormMessage } from "#app/components/ui/field.tsx";
import { useT, type MessageKey } from "#app/utils/i18n.ts";

/**
 * A refused sign-in step (password or two-step code), with how long to wait when the login
 * limits hold the person back: the same message on both pages.
 */
export function SignInError({ error }: { error?: { key: MessageKey; seconds: number } | null }) {
  const t = useT();
  if (!error) return null;
  return (
    <FormMessage kind="error">
      {t(error.key, { seconds: error.seconds, minutes: Math.ceil(error.seconds / 60) })}
    </FormMessage>
  );
}

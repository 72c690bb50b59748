import { useState } from "react";
import { inputClass } from "#app/components/ui/field.tsx";
import { useT } from "#app/utils/i18n.ts";

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.csv";

/**
 * A file input that says at once when a file is over 10 MB (with JavaScript); the server checks
 * size and type by content either way.
 */
export function FileInput({
  control,
  name,
}: {
  control: { id: string; "aria-invalid"?: true; "aria-describedby"?: string };
  name: string;
}) {
  const t = useT();
  const [tooLarge, setTooLarge] = useState(false);
  return (
    <>
      <input
        {...control}
        type="file"
        name={name}
        accept={ACCEPT}
        className={inputClass}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          const large = Boolean(file && file.size > MAX_BYTES);
          setTooLarge(large);
          event.currentTarget.setCustomValidity(large ? t("validation.fileTooLarge") : "");
        }}
      />
      {tooLarge && (
        <p className="mt-1 text-sm font-medium text-status-not-implemented-fg" role="alert">
          {t("validation.fileTooLarge")}
        </p>
      )}
    </>
  );
}

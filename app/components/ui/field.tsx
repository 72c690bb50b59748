import { useId } from "react";
import { useLocale, useT } from "#app/utils/i18n.ts";
import { translateValidation } from "#app/utils/validation-i18n.ts";

/** Shows an error message (a locale key or a domain sentence) in the reader's language. */
export function useErrorText() {
  const t = useT();
  const locale = useLocale();
  return (message: string) => translateValidation(locale, t, message);
}

export const inputClass =
  "mt-1 block w-full rounded border border-gray-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-status-not-implemented-solid";

type FieldProps = {
  name: string;
  label: string;
  errors?: string[];
  hint?: string;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name">;

/** A labelled input with its hint and errors tied to it for screen readers. */
export function TextField({ name, label, errors, hint, className, ...input }: FieldProps) {
  return (
    <FieldShell
      label={label}
      hint={hint}
      errors={errors}
      className={className}
      required={input.required}
    >
      {(control) => <input {...control} name={name} className={inputClass} {...input} />}
    </FieldShell>
  );
}

export function FormMessage({
  kind,
  children,
}: {
  kind: "error" | "success";
  children: React.ReactNode;
}) {
  const classes =
    kind === "error"
      ? "border-status-not-implemented-solid bg-status-not-implemented-bg text-status-not-implemented-fg"
      : "border-status-implemented-solid bg-status-implemented-bg text-status-implemented-fg";
  return (
    <div
      role={kind === "error" ? "alert" : "status"}
      className={`mt-4 rounded border-l-4 px-4 py-3 ${classes}`}
    >
      {children}
    </div>
  );
}

export function SubmitButton({
  children,
  variant = "primary",
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: "primary" | "secondary" | "danger";
}) {
  const classes = {
    primary: "bg-brand text-white hover:bg-brand-dark",
    secondary: "border border-gray-400 bg-white text-gray-900 hover:bg-gray-100",
    danger: "bg-status-not-implemented-fg text-white hover:bg-red-900",
  }[variant];
  return (
    <button
      type="submit"
      className={`rounded px-4 py-2 text-sm font-semibold ${classes}`}
      {...props}
    >
      {children}
    </button>
  );
}

type ShellProps = {
  label: string;
  /**
   * Marks the label: true for "(required)", a text for a field required only with another
   * ("required with a link").
   */
  required?: boolean | string;
  hint?: string;
  errors?: string[];
  className?: string;
  children: (control: {
    id: string;
    "aria-invalid"?: true;
    "aria-describedby"?: string;
  }) => React.ReactNode;
};

/** Label, hint and errors around any control, wired up for screen readers. */
export function FieldShell({ label, required, hint, errors, className, children }: ShellProps) {
  const t = useT();
  const id = useId();
  const errorText = useErrorText();
  const hintId = hint || typeof required === "string" ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className ?? "mt-4"}>
      <div className="flex flex-wrap items-baseline gap-x-1 text-sm">
        <label htmlFor={id} className="font-semibold">
          {label}
        </label>
        {/* Outside the label, so that it is seen but not part of the field's name: the
            control's `required` attribute, or the hint below for a conditional requirement,
            tells screen readers. */}
        {required && (
          <span aria-hidden="true" className="text-gray-700">
            ({typeof required === "string" ? required : t("forms.requiredMark")})
          </span>
        )}
      </div>
      {(hint || typeof required === "string") && (
        <p id={hintId} className="text-sm text-gray-700">
          {typeof required === "string" && <span className="sr-only">{required}. </span>}
          {hint}
        </p>
      )}
      {children({
        id,
        "aria-invalid": errorId ? true : undefined,
        "aria-describedby": describedBy,
      })}
      {errorId && (
        <p id={errorId} className="mt-1 text-sm font-medium text-status-not-implemented-fg">
          {errors!.map(errorText).join(" ")}
        </p>
      )}
    </div>
  );
}

/** The first value of a re-shown form field. */
export function valueOf(values: Record<string, string | string[]> | undefined, name: string) {
  const value = values?.[name];
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}

/** All values of a re-shown multi-value field. */
export function valuesOf(values: Record<string, string | string[]> | undefined, name: string) {
  const value = values?.[name];
  return Array.isArray(value) ? value : value ? [value] : [];
}

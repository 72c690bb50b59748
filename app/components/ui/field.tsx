import { useId } from "react";
import { useT, type MessageKey } from "#app/utils/i18n.ts";

/** Shows an error that is a locale key translated, any other text as it is. */
export function useErrorText() {
  const t = useT();
  return (message: string) => {
    const text = t(message as MessageKey);
    return text;
  };
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
  const id = useId();
  const errorText = useErrorText();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className={className ?? "mt-4"}>
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="text-sm text-gray-700">
          {hint}
        </p>
      )}
      <input
        id={id}
        name={name}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className={inputClass}
        {...input}
      />
      {errorId && (
        <p id={errorId} className="mt-1 text-sm font-medium text-status-not-implemented-fg">
          {errors!.map(errorText).join(" ")}
        </p>
      )}
    </div>
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

import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";

export type FieldErrors = Record<string, string[]>;

export type FormResult<T> =
  | { success: true; data: T }
  | { success: false; fieldErrors: FieldErrors; values: Record<string, string> };

/** The text fields of a form, to put back into the form when it is shown again. */
export function formValues(formData: FormData, omit: string[] = []): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !omit.includes(key)) values[key] = value;
  }
  return values;
}

/**
 * Validates a form with a zod schema through Conform's parser (the one the forms' client side
 * uses too), without its coercion: fields stay the strings that were typed, so that a schema sees
 * exactly what the browser sent. Errors are keyed by Conform's field names ("a.b[0]"; a
 * whole-form error under "form"); what was typed comes back for the form to show again, minus
 * `omitFromValues` (passwords).
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  options: { omitFromValues?: string[] } = {},
): FormResult<z.infer<S>> {
  const submission = parseWithZod(formData, { schema, disableAutoCoercion: true });
  if (submission.status === "success") return { success: true, data: submission.value };
  const fieldErrors: FieldErrors = {};
  for (const [name, messages] of Object.entries(submission.error ?? {})) {
    if (messages?.length) fieldErrors[name || "form"] = messages;
  }
  return {
    success: false,
    fieldErrors,
    values: formValues(formData, options.omitFromValues ?? []),
  };
}

/** An empty error map, typed so that action results of different branches share one shape. */
export const noFieldErrors: FieldErrors = Object.freeze({}) as FieldErrors;

export function fieldError(field: string, message: string): FieldErrors {
  return { [field]: [message] };
}

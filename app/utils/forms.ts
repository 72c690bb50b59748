import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";

export type FieldErrors = Record<string, string[]>;

export type FormResult<T> =
  | { success: true; data: T }
  | { success: false; fieldErrors: FieldErrors; values: Record<string, string> };

/** What was typed into a form, as the form shows it again: text, or a list for a multiple choice. */
export type FormValues = Record<string, string | string[]>;

/**
 * What was typed into a form, to put back into it when it is shown again (a refusal, a conflict):
 * the one way every form keeps its input. Each text field once (its first value); the fields named
 * in `lists` (multiple choices) as every value sent; files and the `omit` fields (passwords) left
 * out.
 */
export function typedValues(
  formData: FormData,
  options: { lists?: readonly string[]; omit?: readonly string[] } = {},
): FormValues {
  const values: FormValues = {};
  for (const key of new Set(formData.keys())) {
    if (options.omit?.includes(key)) continue;
    const all = formData.getAll(key).filter((value): value is string => typeof value === "string");
    if (all.length === 0) continue;
    values[key] = options.lists?.includes(key) ? all : all[0]!;
  }
  return values;
}

/** The text fields of a form (no lists), to put back into the form when it is shown again. */
export function formValues(formData: FormData, omit: string[] = []): Record<string, string> {
  return typedValues(formData, { omit }) as Record<string, string>;
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

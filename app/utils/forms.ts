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

/** Validates a form with a zod schema; errors are keyed by field name. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  options: { omitFromValues?: string[] } = {},
): FormResult<z.infer<S>> {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key);
    raw[key] = all.length > 1 ? all : all[0];
  }
  const result = schema.safeParse(raw);
  if (result.success) return { success: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    (fieldErrors[field] ??= []).push(issue.message);
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

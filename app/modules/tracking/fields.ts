// Zod building blocks shared by the tracking and catalogue schemas. They accept what an HTML form
// sends (strings, "" for an empty field, one value or several for a multi-select, "on" for a
// checkbox) as well as plain values, and every message names its field in plain English.
// No server-only imports: forms use these schemas too.
import { z } from "zod";
import { dayDate, dayOf, isDay, todayIn } from "#app/utils/dates.ts";
import { ValidationError } from "#app/utils/domain-errors.ts";

/** Parses input with a schema, or throws a ValidationError keyed by field name. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw ValidationError.fromZod(result.error);
  return result.data;
}

function isBlank(value: unknown) {
  return (
    value === undefined || value === null || (typeof value === "string" && value.trim() === "")
  );
}

/** "" and missing become null (a cleared field). */
function blankToNull(value: unknown) {
  return isBlank(value) ? null : value;
}

export function requiredText(label: string, max: number) {
  return z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);
}

/** Optional text: blank or missing is null. */
export function optionalText(label: string, max: number) {
  return z.preprocess(
    blankToNull,
    z
      .string({ error: `${label} must be text.` })
      .trim()
      .max(max, `${label} must be at most ${max} characters.`)
      .nullable(),
  );
}

export function id(label: string) {
  return z
    .string({ error: `${label} is missing.` })
    .trim()
    .min(1, `${label} is missing.`)
    .max(200, `${label} is not valid.`);
}

/** The version of the record the form was loaded with. */
export const expectedVersion = z.coerce
  .number({ error: "The form's version is missing: reload the page and try again." })
  .int("The form's version is not valid: reload the page and try again.")
  .min(1, "The form's version is not valid: reload the page and try again.");

/** Is it an absolute http(s) URL? */
export function isHttpUrl(value: string) {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

export function httpUrl(label: string, max = 2000) {
  return z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`)
    .refine(isHttpUrl, `${label} must be a web address starting with http:// or https://.`);
}

export function optionalHttpUrl(label: string, max = 2000) {
  return z.preprocess(blankToNull, httpUrl(label, max).nullable());
}

function dateToIso(value: unknown) {
  return value instanceof Date ? (dayOf(value) ?? value) : value;
}

/**
 * A calendar date given as "YYYY-MM-DD" (or a Date), as a Date at UTC midnight; 0001-01-01 to
 * 9999-12-31, and not after today in the tracker's zone when `notFuture`.
 */
export function calendarDate(label: string, options: { notFuture?: boolean } = {}) {
  return z.preprocess(
    dateToIso,
    z
      .string({ error: `${label} is required.` })
      .trim()
      .min(1, `${label} is required.`)
      .refine(isDay, `${label} must be a real day (YYYY-MM-DD) from 0001-01-01 to 9999-12-31.`)
      .refine(
        (value) => !options.notFuture || !isDay(value) || value <= todayIn(),
        `${label} cannot be in the future.`,
      )
      .transform(dayDate),
  );
}

export function optionalCalendarDate(label: string, options: { notFuture?: boolean } = {}) {
  return z.preprocess(
    (value) => blankToNull(dateToIso(value)),
    calendarDate(label, options).nullable(),
  );
}

/** An enum value, or null when blank. */
export function optionalEnum<const T extends Record<string, string>>(values: T, message: string) {
  return z.preprocess(blankToNull, z.enum(values, { error: message }).nullable());
}

/** A list of ids or codes from a multi-select: one value, several, or none; blanks dropped. */
export function idList(label: string, max = 200) {
  return z.preprocess(
    (value) => {
      if (isBlank(value)) return [];
      const list = Array.isArray(value) ? value : [value];
      return list.filter((item) => !isBlank(item));
    },
    z
      .array(
        z
          .string({ error: `${label}: each entry must be text.` })
          .trim()
          .max(200),
        {
          error: `${label} must be a list.`,
        },
      )
      .max(max, `${label}: choose at most ${max}.`)
      .transform((items) => [...new Set(items)]),
  );
}

/** A checkbox: "on", "true", true are checked; missing, "", "false", false are not. */
export function checkbox(label: string) {
  return z.preprocess(
    (value) => {
      if (isBlank(value) || value === "false" || value === "off") return false;
      if (value === "on" || value === "true") return true;
      return value;
    },
    z.boolean({ error: `${label} must be checked or not.` }),
  );
}

// What the server functions accept for each kind of field: the strings a form sends, or plain
// values. The schemas above check them; these types only help callers.
export type TextValue = string | null | undefined;
export type DateValue = string | Date | null | undefined;
export type VersionValue = number | string;
export type ListValue = string | readonly string[] | null | undefined;
export type EnumValue<T extends string> = T | (string & {}) | null | undefined;
export type CheckboxValue = boolean | string | null | undefined;

import { describe, expect, test } from "vitest";
import { z } from "zod";
import { AcceptInviteSchema, LoginSchema, ProfileSchema } from "#app/modules/auth/schemas.ts";
import { parseForm, typedValues } from "./forms.ts";

const form = (entries: Array<[string, string]>) => {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
};

describe("parseForm", () => {
  test("gives the schema the strings as typed; repeated fields become a list", () => {
    const schema = z.object({
      intent: z.literal("save"),
      tags: z.array(z.string()),
      note: z.string(),
    });
    const result = parseForm(
      schema,
      form([
        ["intent", "save"],
        ["tags", "a"],
        ["tags", "b"],
        ["note", ""],
      ]),
    );
    expect(result).toEqual({ success: true, data: { intent: "save", tags: ["a", "b"], note: "" } });
    // An empty choice stays "" (no coercion to undefined): the profile's "browser language".
    const profile = parseForm(
      ProfileSchema,
      form([
        ["intent", "profile"],
        ["name", "Ana"],
        ["locale", ""],
        ["version", "3"],
      ]),
    );
    expect(profile).toEqual({
      success: true,
      data: { intent: "profile", name: "Ana", locale: null, showNamePublicly: false, version: 3 },
    });
  });

  test("errors keyed by field, what was typed kept, passwords left out", () => {
    const result = parseForm(
      LoginSchema,
      form([
        ["email", ""],
        ["password", ""],
      ]),
      {
        omitFromValues: ["password"],
      },
    );
    expect(result).toEqual({
      success: false,
      fieldErrors: { email: ["forms.required"], password: ["forms.required"] },
      values: { email: "" },
    });
    const invite = parseForm(
      AcceptInviteSchema,
      form([
        ["name", "Ana"],
        ["password", "a long enough password"],
        ["confirmPassword", "other"],
      ]),
      { omitFromValues: ["password", "confirmPassword"] },
    );
    expect(invite).toMatchObject({
      success: false,
      fieldErrors: { confirmPassword: ["forms.passwordMismatch"] },
      values: { name: "Ana" },
    });
  });

  test("a missing field, a wrong type and a whole-form rule", () => {
    const schema = z
      .object({ a: z.string("forms.required"), b: z.array(z.string()).optional() })
      .refine((value) => value.a !== "x", { message: "forms.required" });
    expect(parseForm(schema, form([]))).toMatchObject({
      success: false,
      fieldErrors: { a: ["forms.required"] },
    });
    expect(parseForm(schema, form([["a", "x"]]))).toMatchObject({
      success: false,
      fieldErrors: { form: ["forms.required"] },
    });
  });
});

describe("typedValues", () => {
  test("what was typed, as the form shows it again: lists for multiple choices, no files, no passwords", () => {
    const data = form([
      ["title", "First"],
      ["title", "Second"],
      ["actors", "ATF"],
      ["actors", "ICE"],
      ["password", "secret words"],
    ]);
    data.append("file", new File(["%PDF-"], "a.pdf"));
    expect(typedValues(data, { lists: ["actors", "goals"], omit: ["password"] })).toEqual({
      title: "First",
      actors: ["ATF", "ICE"],
    });
    expect(typedValues(data)).toEqual({
      title: "First",
      actors: "ATF",
      password: "secret words",
    });
  });
});

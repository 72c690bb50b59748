import { describe, expect, test } from "vitest";
import { z } from "zod";
import "./zod-config.ts";
import { translator } from "./i18n.ts";
import { translateValidation } from "./validation-i18n.ts";

const es = (message: string) => translateValidation("es", translator("es"), message);

describe("zod's own messages", () => {
  test("never reach a reader: an issue without a message of ours is a locale key", () => {
    const tooLong = z.object({ q: z.string().max(3) }).safeParse({ q: "long" });
    const message = tooLong.error?.issues[0]?.message ?? "";
    expect(message).toBe("validation.generic");
    expect(es(message)).toBe("Este valor no es válido.");
    expect(translateValidation("en", translator("en"), message)).toBe("This value is not valid.");
  });

  test("a schema's own message still wins", () => {
    const result = z.string().min(1, "Summary is required.").safeParse("");
    expect(result.error?.issues[0]?.message).toBe("Summary is required.");
  });
});

describe("translateValidation", () => {
  test("English messages stay as they are in English", () => {
    expect(translateValidation("en", translator("en"), "Summary is required.")).toBe(
      "Summary is required.",
    );
  });

  test("locale keys are translated in both languages", () => {
    expect(translateValidation("en", translator("en"), "forms.passwordTooShort")).toBe(
      "Use at least 12 characters.",
    );
    expect(es("forms.passwordTooShort")).toBe("Use al menos 12 caracteres.");
  });

  test("templates and sentences become Spanish, with the field's label", () => {
    expect(es("Summary is required.")).toBe("Resumen: este campo es obligatorio.");
    expect(es("Title must be at most 300 characters.")).toBe("Título: como máximo 300 caracteres.");
    expect(es("Link must be a web address starting with http:// or https://.")).toBe(
      "Enlace: debe ser una dirección web que empiece por http:// o https://.",
    );
    expect(es("File is too large: the limit is 10 MB.")).toBe(
      "El archivo es demasiado grande: el límite es de 10 MB.",
    );
  });

  test("an unknown sentence gets a generic Spanish message rather than English", () => {
    expect(es("Something entirely new.")).toBe("Este valor no es válido.");
  });
});

describe("catalogue messages in Spanish", () => {
  test("duplicates, formats and goal rules", () => {
    expect(es("Code is already used by another source.")).toBe(
      "Código: ya lo usa otro registro (fuente).",
    );
    expect(es('Source: there is no source "GAO-00-000".')).toBe("Fuente: no existe «GAO-00-000».");
    expect(es("Parent must be a goal: a cooperation area belongs to a goal.")).toMatch(
      /^La meta superior debe/,
    );
    expect(es("Country: choose US, MX or binational.")).toBe("País: elija US, MX o binacional.");
    expect(es("Spanish title must be at most 500 characters.")).toBe(
      "Título en español: como máximo 500 caracteres.",
    );
  });
});

// Zod's settings for the whole app, server and browser. Imported first by root.tsx (and by the
// test setup), before any schema parses.
import { z } from "zod";

z.config({
  // Zod compiles object parsers with `new Function` unless told not to; the Content-Security-
  // Policy forbids eval, and the browser console reported each attempt.
  jitless: true,
  // Zod's own messages are English sentences ("Too big: expected string to have <=200
  // characters"). Every message a person reads must come from the locale files, so an issue
  // whose schema gives no message of ours gets a locale key instead.
  customError: () => "validation.generic",
});

import type { Messages } from "./en.ts";

// Textos de los límites a los intentos de contraseña (español).
export const limitsEs: Messages["limits"] = {
  loginMinutes: "Demasiados intentos fallidos. Intente de nuevo en {minutes} min.",
  passwordCheck: "Demasiadas contraseñas actuales incorrectas. Intente de nuevo en {minutes} min.",
};

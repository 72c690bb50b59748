import type { Messages } from "./en.ts";

// Textos del borde HTTP: cuerpos y parámetros rechazados, y la referencia de la página de error
// (español).
export const httpEs: Messages["http"] = {
  nulByte: "Contiene un carácter de control (como un byte NUL) que no está permitido.",
  tooLarge: "El formulario es demasiado grande: el límite es {limit}.",
  malformed: "No se pudo leer el formulario. Envíelo de nuevo desde la página.",
  language: "Elija inglés (en) o español (es).",
  reference: "Referencia: {id}",
  referenceHelp: "Cite esta referencia si informa del problema.",
};

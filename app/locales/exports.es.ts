import type { Messages } from "./en.ts";

// Textos de los rechazos de las exportaciones (español): demasiadas a la vez, demasiadas desde
// una dirección.
export const exportsEs: Messages["exports"] = {
  busyTitle: "Informes ocupados",
  busy: "Se están preparando muchos informes en este momento. Intente de nuevo en {seconds} segundos.",
  limitedTitle: "Demasiados informes",
  limited:
    "Esta dirección ha pedido muchos informes en poco tiempo. Intente de nuevo en {minutes} minutos, o inicie sesión.",
  back: "Volver a los informes",
};

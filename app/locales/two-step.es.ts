// Textos de la verificación en dos pasos (español). Mismas claves que two-step.en.ts.
import type { Messages } from "./en.ts";

export const twoStepEs: Messages["twoStep"] = {
  signIn: {
    title: "Escriba su código de acceso",
    intro:
      "La contraseña es correcta. Escriba el código de seis dígitos que muestra su aplicación de autenticación para este rastreador, o uno de sus códigos de recuperación.",
    code: "Código",
    codeHint: "Seis dígitos, o un código de recuperación como abcd-efgh-ijkl-mnop.",
    submit: "Entrar",
    invalid:
      "El código no es correcto o ya se usó. Espere al siguiente código e inténtelo de nuevo.",
    expired: "Este paso caducó (a los cinco minutos). Vuelva a entrar con su contraseña.",
    startAgain: "Volver a entrar",
  },
  account: {
    heading: "Verificación en dos pasos",
    statusOn:
      "La verificación en dos pasos está activa desde el {date}. Códigos de recuperación restantes: {count}.",
    statusOff:
      "La verificación en dos pasos está desactivada. Activada, al entrar también se pide un código de una aplicación de su teléfono, de modo que una contraseña robada no basta.",
    manage: "Gestionar la verificación en dos pasos",
    title: "Verificación en dos pasos",
    required:
      "El rastreador exige la verificación en dos pasos para su rol. Actívela para continuar; puede cerrar la sesión si lo desea.",
    step1:
      "1. Escanee este código con una aplicación de autenticación (por ejemplo FreeOTP, Aegis, Google Authenticator o 1Password).",
    qrAlt:
      "Código QR que añade este rastreador a una aplicación de autenticación. La clave de abajo es la misma, en texto.",
    step2:
      "O escriba esta clave en la aplicación a mano (basada en el tiempo, 6 dígitos, cada 30 segundos):",
    key: "Clave",
    step3: "2. Escriba el código que muestra la aplicación ahora.",
    code: "Código de la aplicación",
    confirm: "Activar la verificación en dos pasos",
    invalidCode:
      "El código no es correcto. Compruebe la hora del teléfono y escriba el código que se muestra ahora.",
    recoveryTitle: "Sus códigos de recuperación",
    recoveryIntro:
      "La verificación en dos pasos está activa. Guarde estos diez códigos en un lugar seguro: cada uno le permite entrar una vez si pierde el teléfono. Solo se muestran ahora.",
    recoveryDone: "Ya los guardé: volver a mi cuenta",
    newCodesTitle: "Nuevos códigos de recuperación",
    newCodesIntro:
      "¿Usó algunos de sus códigos de recuperación o los perdió? Genere diez nuevos: los anteriores dejan de servir. Escriba su contraseña o un código actual.",
    newCodes: "Generar nuevos códigos de recuperación",
    newCodesDone:
      "Estos son sus nuevos códigos de recuperación; los anteriores ya no sirven. Guárdelos en un lugar seguro: cada uno le permite entrar una vez. Solo se muestran ahora.",
    turnOffTitle: "Desactivar la verificación en dos pasos",
    turnOffIntro: "Escriba su contraseña o un código actual para desactivarla.",
    turnOffSecret: "Contraseña o código",
    turnOff: "Desactivar",
    turnOffInvalid: "No es ni su contraseña ni un código actual.",
    turnedOff: "La verificación en dos pasos está desactivada.",
    cannotTurnOff:
      "El rastreador exige la verificación en dos pasos para su rol, así que no se puede desactivar. Si pierde el teléfono, un administrador puede restablecerla.",
  },
  admin: {
    settingTitle: "Verificación en dos pasos",
    settingLabel: "Exigir la verificación en dos pasos a",
    nobody: "Nadie",
    admins: "Administradores",
    admins_and_editors: "Administradores y editores",
    settingSave: "Guardar",
    settingSaved: "Guardado: la verificación en dos pasos se exige a {who}.",
    column: "Dos pasos",
    on: "Activa",
    off: "Inactiva",
    reset: "Restablecer la verificación en dos pasos",
    resetDone:
      "Se restableció la verificación en dos pasos de {email}: volverá a activarla en su próximo acceso.",
  },
};

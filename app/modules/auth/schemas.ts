import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-rules.ts";

// Messages are locale keys; the form shows them translated.
const email = z.string().trim().toLowerCase().pipe(z.email("forms.invalidEmail"));
const newPassword = z
  .string("forms.required")
  .min(MIN_PASSWORD_LENGTH, "forms.passwordTooShort")
  .max(MAX_PASSWORD_LENGTH, "forms.passwordTooLong");
const name = z.string("forms.nameRequired").trim().min(1, "forms.nameRequired").max(100);
const role = z.enum(["viewer", "editor", "admin"]);
const version = z.coerce.number().int().min(1);

export const LoginSchema = z.object({
  email: z.string("forms.required").trim().min(1, "forms.required").max(320),
  password: z.string("forms.required").min(1, "forms.required").max(MAX_PASSWORD_LENGTH),
  redirectTo: z.string().optional(),
});

const matching = <T extends { password: string; confirmPassword: string }>(value: T) =>
  value.password === value.confirmPassword;

export const AcceptInviteSchema = z
  .object({
    email: email.optional(),
    name,
    password: newPassword,
    confirmPassword: z.string("forms.required"),
  })
  .refine(matching, { message: "forms.passwordMismatch", path: ["confirmPassword"] });

export const ResetPasswordSchema = z
  .object({ password: newPassword, confirmPassword: z.string("forms.required") })
  .refine(matching, { message: "forms.passwordMismatch", path: ["confirmPassword"] });

export const ProfileSchema = z.object({
  intent: z.literal("profile"),
  name,
  locale: z.enum(["", "en", "es"]).transform((value) => value || null),
  // A checkbox: sent as "on" when ticked, absent otherwise.
  showNamePublicly: z
    .string()
    .optional()
    .transform((value) => value === "on"),
  version,
});

export const ChangePasswordSchema = z
  .object({
    intent: z.literal("password"),
    currentPassword: z.string("forms.required").min(1, "forms.required"),
    password: newPassword,
    confirmPassword: z.string("forms.required"),
  })
  .refine(matching, { message: "forms.passwordMismatch", path: ["confirmPassword"] });

export const InviteSchema = z.object({ intent: z.literal("invite"), email, role });

export const UserActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("role"), userId: z.string().min(1), version, role }),
  z.object({ intent: z.literal("disable"), userId: z.string().min(1), version }),
  z.object({ intent: z.literal("enable"), userId: z.string().min(1), version }),
  z.object({ intent: z.literal("reset"), userId: z.string().min(1) }),
]);

// A six-digit code or a recovery code (16 letters and digits, with or without dashes).
const secondStepCode = z.string("forms.required").trim().min(1, "forms.required").max(64);

export const TwoStepSignInSchema = z.object({
  code: secondStepCode,
  redirectTo: z.string().optional(),
});

export const TwoStepConfirmSchema = z.object({
  intent: z.literal("confirm"),
  code: secondStepCode,
});

export const TwoStepTurnOffSchema = z.object({
  intent: z.literal("turn-off"),
  secret: z.string("forms.required").min(1, "forms.required").max(MAX_PASSWORD_LENGTH),
});

export const TwoStepNewCodesSchema = z.object({
  intent: z.literal("new-codes"),
  secret: z.string("forms.required").min(1, "forms.required").max(MAX_PASSWORD_LENGTH),
});

export const TwoStepRequirementSchema = z.object({
  intent: z.literal("two-step-setting"),
  twoStepRequiredFor: z.enum(["nobody", "admins", "admins_and_editors"]),
});

import QRCode from "qrcode";
import { data, Form, Link } from "react-router";
import type { Route } from "./+types/two-step";
import { FormMessage, SubmitButton, TextField } from "#app/components/ui/field.tsx";
import { requireUser } from "#app/modules/auth/auth.server.ts";
import {
  TwoStepConfirmSchema,
  TwoStepNewCodesSchema,
  TwoStepTurnOffSchema,
} from "#app/modules/auth/schemas.ts";
import {
  confirmEnrolment,
  getTwoStepRequirement,
  pendingEnrolment,
  replaceOwnRecoveryCodes,
  requiredFor,
  turnOffTwoStep,
  twoStepStatus,
} from "#app/modules/auth/two-step.server.ts";
import { parseForm } from "#app/utils/forms.ts";
import { badRequest, FIELD_ERRORS_STATUS } from "#app/utils/http.server.ts";
import { formatDateTime, translator, useLocale, useT } from "#app/utils/i18n.ts";
import { getLocale } from "#app/utils/i18n.server.ts";
import { forwardHeaders } from "#app/utils/headers.ts";
import { titleMeta } from "#app/utils/meta.ts";
import { readForm } from "#app/utils/upload.server.ts";

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const t = translator(await getLocale(request));
  const [status, requirement] = await Promise.all([
    twoStepStatus(user.id),
    getTwoStepRequirement(),
  ]);
  const enrolment = status.enabledAt ? null : await pendingEnrolment(user.id, t("app.name"));
  return {
    enabledAt: status.enabledAt,
    unusedCodes: status.unusedCodes,
    required: requiredFor(requirement, user.role),
    // Drawn here: the key never reaches a script of the page, only this picture and its text.
    enrolment: enrolment && {
      keyText: enrolment.keyText,
      qrSvg: await QRCode.toString(enrolment.uri, { type: "svg", margin: 2 }),
    },
    pageTitle: t("twoStep.account.title"),
    appName: t("app.name"),
  };
}

type ActionResult =
  | { form: "confirm"; recoveryCodes: string[]; fieldErrors: Record<string, string[]> }
  | {
      // The two forms proven by the password or a current code.
      form: "turn-off" | "new-codes";
      done: boolean;
      recoveryCodes: string[];
      fieldErrors: Record<string, string[]>;
      minutes?: number;
    };

/** A form proven by the password or a code: its answer when the proof failed or was limited. */
function refusedProof(
  form: "turn-off" | "new-codes",
  result: { code: "invalid" | "not_enabled" } | { code: "rate_limited"; retryAfter: number },
) {
  const refused = { form, done: false, recoveryCodes: [] };
  if (result.code === "rate_limited") {
    return data<ActionResult>(
      { ...refused, fieldErrors: {}, minutes: Math.ceil(result.retryAfter / 60) },
      { status: 429, headers: { "Retry-After": String(result.retryAfter) } },
    );
  }
  return data<ActionResult>(
    { ...refused, fieldErrors: { secret: ["twoStep.account.turnOffInvalid"] } },
    { status: FIELD_ERRORS_STATUS },
  );
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "confirm") {
    const parsed = parseForm(TwoStepConfirmSchema, form);
    if (!parsed.success) {
      return data<ActionResult>(
        { form: "confirm", recoveryCodes: [], fieldErrors: parsed.fieldErrors },
        { status: FIELD_ERRORS_STATUS },
      );
    }
    const result = await confirmEnrolment(user.id, parsed.data.code);
    if (!result.ok) {
      return data<ActionResult>(
        {
          form: "confirm",
          recoveryCodes: [],
          fieldErrors: { code: ["twoStep.account.invalidCode"] },
        },
        { status: FIELD_ERRORS_STATUS },
      );
    }
    // Shown in this answer only: the database keeps their hashes.
    return data<ActionResult>({
      form: "confirm",
      recoveryCodes: result.recoveryCodes,
      fieldErrors: {},
    });
  }
  if (intent === "turn-off" || intent === "new-codes") {
    const schema = intent === "turn-off" ? TwoStepTurnOffSchema : TwoStepNewCodesSchema;
    const parsed = parseForm(schema, form, { omitFromValues: ["secret"] });
    if (!parsed.success) {
      return data<ActionResult>(
        { form: intent, done: false, recoveryCodes: [], fieldErrors: parsed.fieldErrors },
        { status: FIELD_ERRORS_STATUS },
      );
    }
    if (intent === "new-codes") {
      const result = await replaceOwnRecoveryCodes(user.id, parsed.data.secret);
      if (!result.ok) return refusedProof(intent, result);
      // Shown in this answer only: the database keeps their hashes.
      const { recoveryCodes } = result;
      return data<ActionResult>({ form: intent, done: true, recoveryCodes, fieldErrors: {} });
    }
    if (requiredFor(await getTwoStepRequirement(), user.role)) {
      return data<ActionResult>(
        {
          form: intent,
          done: false,
          recoveryCodes: [],
          fieldErrors: { secret: ["twoStep.account.cannotTurnOff"] },
        },
        { status: 403 },
      );
    }
    const result = await turnOffTwoStep(user.id, parsed.data.secret);
    if (!result.ok) return refusedProof(intent, result);
    return data<ActionResult>({ form: intent, done: true, recoveryCodes: [], fieldErrors: {} });
  }
  throw badRequest("intent", "must be confirm, new-codes or turn-off");
}

/** A form proven by the password or a current code, with its refusal or limit shown. */
function ProofForm({
  intent,
  result,
  labelledBy,
  submit,
}: {
  intent: "turn-off" | "new-codes";
  result: { fieldErrors: Record<string, string[]>; minutes?: number } | undefined;
  labelledBy?: string;
  submit: React.ReactNode;
}) {
  const t = useT();
  return (
    <>
      {result?.minutes !== undefined && (
        <FormMessage kind="error">
          {t("limits.passwordCheck", { minutes: result.minutes })}
        </FormMessage>
      )}
      <Form method="post" aria-labelledby={labelledBy}>
        <input type="hidden" name="intent" value={intent} />
        <TextField
          name="secret"
          type="password"
          label={t("twoStep.account.turnOffSecret")}
          autoComplete="current-password"
          required
          errors={result?.fieldErrors.secret}
        />
        <div className="mt-6">{submit}</div>
      </Form>
    </>
  );
}

export default function TwoStepPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const confirm = actionData?.form === "confirm" ? actionData : undefined;
  const newCodes = actionData?.form === "new-codes" ? actionData : undefined;
  const turnOff = actionData?.form === "turn-off" ? actionData : undefined;
  const recoveryCodes = confirm?.recoveryCodes ?? newCodes?.recoveryCodes ?? [];

  if (recoveryCodes.length > 0) {
    return (
      <div className="mx-auto max-w-2xl">
        <h1 className="text-3xl font-bold">{t("twoStep.account.recoveryTitle")}</h1>
        <FormMessage kind="success">
          {t(newCodes ? "twoStep.account.newCodesDone" : "twoStep.account.recoveryIntro")}
        </FormMessage>
        <ul
          className="mt-4 grid grid-cols-1 gap-2 font-mono text-lg sm:grid-cols-2"
          data-testid="recovery-codes"
        >
          {recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <p className="mt-6">
          <Link to="/account" className="font-semibold">
            {t("twoStep.account.recoveryDone")}
          </Link>
        </p>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <h1 className="text-3xl font-bold">{t("twoStep.account.title")}</h1>
      {loaderData.required && !loaderData.enabledAt && (
        <FormMessage kind="error">{t("twoStep.account.required")}</FormMessage>
      )}
      {turnOff?.done && <FormMessage kind="success">{t("twoStep.account.turnedOff")}</FormMessage>}

      {loaderData.enabledAt ? (
        <section aria-labelledby="two-step-off-heading">
          <p>
            {t("twoStep.account.statusOn", {
              date: formatDateTime(locale, loaderData.enabledAt),
              count: loaderData.unusedCodes,
            })}
          </p>
          <h2 id="two-step-codes-heading" className="mt-6 text-xl font-semibold">
            {t("twoStep.account.newCodesTitle")}
          </h2>
          <p className="mt-2 text-gray-700">{t("twoStep.account.newCodesIntro")}</p>
          <ProofForm
            intent="new-codes"
            result={newCodes}
            labelledBy="two-step-codes-heading"
            submit={<SubmitButton>{t("twoStep.account.newCodes")}</SubmitButton>}
          />
          <h2 id="two-step-off-heading" className="mt-6 text-xl font-semibold">
            {t("twoStep.account.turnOffTitle")}
          </h2>
          {loaderData.required ? (
            <p className="mt-2 text-gray-700">{t("twoStep.account.cannotTurnOff")}</p>
          ) : (
            <>
              <p className="mt-2 text-gray-700">{t("twoStep.account.turnOffIntro")}</p>
              <ProofForm
                intent="turn-off"
                result={turnOff}
                submit={
                  <SubmitButton variant="danger">{t("twoStep.account.turnOff")}</SubmitButton>
                }
              />
            </>
          )}
        </section>
      ) : (
        loaderData.enrolment && (
          <section aria-labelledby="two-step-enrol-heading">
            <h2 id="two-step-enrol-heading" className="sr-only">
              {t("twoStep.account.confirm")}
            </h2>
            <p>{t("twoStep.account.step1")}</p>
            <img
              className="mt-4 h-56 w-56 max-w-full border border-gray-300 bg-white"
              src={`data:image/svg+xml;utf8,${encodeURIComponent(loaderData.enrolment.qrSvg)}`}
              alt={t("twoStep.account.qrAlt")}
            />
            <p className="mt-4">{t("twoStep.account.step2")}</p>
            <p className="mt-2">
              <span className="font-semibold">{t("twoStep.account.key")}: </span>
              <code className="font-mono text-lg break-all" data-testid="two-step-key">
                {loaderData.enrolment.keyText}
              </code>
            </p>
            <p className="mt-6">{t("twoStep.account.step3")}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="confirm" />
              <TextField
                name="code"
                label={t("twoStep.account.code")}
                inputMode="numeric"
                autoComplete="one-time-code"
                required
                errors={confirm?.fieldErrors.code}
              />
              <div className="mt-6">
                <SubmitButton>{t("twoStep.account.confirm")}</SubmitButton>
              </div>
            </Form>
          </section>
        )
      )}
    </div>
  );
}

export const meta: Route.MetaFunction = ({ loaderData }) => titleMeta(loaderData);

export const headers: Route.HeadersFunction = forwardHeaders;

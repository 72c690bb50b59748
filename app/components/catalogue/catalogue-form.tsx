import { Form } from "react-router";
import { ConflictNotice } from "#app/components/tracking/conflict-notice.tsx";
import {
  FieldShell,
  FormMessage,
  inputClass,
  SubmitButton,
  useErrorText,
  valueOf,
  valuesOf,
} from "#app/components/ui/field.tsx";
import type { FieldView, FormValues } from "#app/modules/catalogue/admin-kinds.ts";
import type { ConflictView } from "#app/modules/tracking/page-actions.server.ts";
import { useT } from "#app/utils/i18n.ts";
import { fieldLabel } from "./field-label.ts";

/** One control of a catalogue form, by its description. */
function Control({
  field,
  values,
  errors,
}: {
  field: FieldView;
  values: FormValues;
  errors?: string[];
}) {
  const t = useT();
  const value = valueOf(values, field.name);
  return (
    <FieldShell
      label={t(field.labelKey)}
      required={field.required}
      hint={field.hintKey ? t(field.hintKey) : undefined}
      errors={errors}
    >
      {(control) => {
        const common = { ...control, name: field.name, required: field.required };
        switch (field.type) {
          case "textarea":
            return (
              <textarea
                {...common}
                rows={field.rows ?? 4}
                defaultValue={value}
                className={inputClass}
              />
            );
          case "checkbox":
            return (
              <input
                {...common}
                type="checkbox"
                defaultChecked={value === "on" || value === "true"}
                className="mt-2 block h-5 w-5"
              />
            );
          case "select":
          case "multiselect": {
            const multiple = field.type === "multiselect";
            const options = field.options ?? [];
            return (
              <select
                {...common}
                multiple={multiple}
                size={multiple ? Math.min(8, Math.max(3, options.length)) : undefined}
                defaultValue={multiple ? valuesOf(values, field.name) : value}
                className={inputClass}
              >
                {!multiple && field.emptyKey && <option value="">{t(field.emptyKey)}</option>}
                {options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.labelKey ? t(option.labelKey) : (option.label ?? option.value)}
                  </option>
                ))}
              </select>
            );
          }
          default:
            return (
              <input
                {...common}
                type={field.type === "date" ? "date" : "text"}
                inputMode={field.type === "url" ? "url" : undefined}
                defaultValue={value}
                className={inputClass}
              />
            );
        }
      }}
    </FieldShell>
  );
}

/** What someone else saved meanwhile, with the catalogue's field names. */
export function CatalogueConflictNotice({ conflict }: { conflict: ConflictView }) {
  const t = useT();
  // ConflictNotice names fields by the tracking form's labels; give it the catalogue's instead
  // (a label is no key of those, so it is shown as it is). Dots would read as key separators.
  const relabelled: ConflictView = {
    ...conflict,
    changes: conflict.changes.map((change) => ({
      ...change,
      fields: change.fields.map((item) => ({
        ...item,
        field: fieldLabel(t, item.field).replaceAll(".", ""),
      })),
    })),
  };
  return <ConflictNotice conflict={relabelled} />;
}

/**
 * A catalogue record's form, drawn from its field descriptions: the values shown are the
 * record's, or what the admin typed when the save failed; errors sit next to their fields.
 */
export function CatalogueForm({
  fields,
  values,
  intent,
  version,
  submitLabel,
  labelledBy,
  fieldErrors,
  conflict,
}: {
  fields: FieldView[];
  values: FormValues;
  intent: "create" | "save";
  version?: number | string;
  submitLabel: string;
  labelledBy: string;
  fieldErrors?: Record<string, string[]>;
  conflict?: ConflictView;
}) {
  const t = useT();
  const errorText = useErrorText();
  const names = new Set(fields.map((field) => field.name));
  // Errors about no field of the form (the record, its version) are shown above it.
  const general = Object.entries(fieldErrors ?? {})
    .filter(([name]) => !names.has(name))
    .flatMap(([, messages]) => messages);
  return (
    <Form method="post" aria-labelledby={labelledBy} className="max-w-3xl">
      {conflict && <CatalogueConflictNotice conflict={conflict} />}
      {fieldErrors && (
        <FormMessage kind="error">
          <p>{t("catalogue.form.fixErrors")}</p>
          {general.length > 0 && <p className="mt-1">{general.map(errorText).join(" ")}</p>}
        </FormMessage>
      )}
      <input type="hidden" name="intent" value={intent} />
      {version !== undefined && <input type="hidden" name="expectedVersion" value={version} />}
      {fields.map((field) => (
        <Control
          key={field.name}
          field={field}
          values={values}
          errors={fieldErrors?.[field.name]}
        />
      ))}
      <div className="mt-6">
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}

/** A new record's starting values: each field's initial value, or empty. */
export function initialValues(fields: FieldView[]): FormValues {
  return Object.fromEntries(
    fields.map((field) => [field.name, field.type === "multiselect" ? [] : (field.initial ?? "")]),
  );
}

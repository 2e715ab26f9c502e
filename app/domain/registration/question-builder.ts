// The organisers' registration form builder: what a question may be, as the console's form
// sends it. Options are typed one per line; their stored values stay fixed once chosen
// (question-builder.server.ts).
import { z } from "zod";
import type { QuestionKind } from "./registration-form.ts";

export const questionKinds = [
  "TEXT",
  "LONG_TEXT",
  "CHOICE",
  "MULTIPLE_CHOICE",
  "YES_NO",
  "COUNTRY",
] as const satisfies readonly QuestionKind[];

export const questionKindLabels: Record<QuestionKind, string> = {
  TEXT: "Short text",
  LONG_TEXT: "Paragraph",
  CHOICE: "One choice from a list",
  MULTIPLE_CHOICE: "Several choices from a list",
  YES_NO: "Yes or no",
  COUNTRY: "Country",
};

export const MAX_QUESTIONS_PER_EVENT = 60;
export const MAX_OPTIONS = 50;
const MAX_OPTION_LENGTH = 200;

/** Kinds whose answers are picked from the question's options. */
export function hasOptions(kind: QuestionKind) {
  return kind === "CHOICE" || kind === "MULTIPLE_CHOICE";
}

/** The form's fields as sent, before the options are read (Conform derives the browser's constraints from this). */
export const QuestionFieldsSchema = z.object({
  label: z
    .string({ error: "Enter the question" })
    .trim()
    .min(2, "Use at least 2 characters")
    .max(200, "Keep the question under 200 characters"),
  helpText: z
    .string()
    .trim()
    .max(1000, "Keep the help under 1,000 characters")
    .optional(),
  kind: z.enum(questionKinds, { error: "Choose what kind of answer it takes" }),
  required: z.boolean().default(false),
  vetted: z.boolean().default(false),
  /** One option per line, for the choice kinds. */
  options: z
    .string()
    .max(MAX_OPTIONS * (MAX_OPTION_LENGTH + 2), "The options are too long")
    .optional(),
});

export const QuestionFormSchema = QuestionFieldsSchema.transform(
  (values, context) => {
    const lines = (values.options ?? "")
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    if (!hasOptions(values.kind))
      return {
        ...values,
        helpText: values.helpText || null,
        options: [] as string[],
      };
    const issue = (message: string) =>
      context.addIssue({ code: "custom", path: ["options"], message });
    if (lines.length < 2) issue("Give at least two options, one per line");
    if (lines.length > MAX_OPTIONS)
      issue(`Give at most ${MAX_OPTIONS} options`);
    const tooLong = lines.find((line) => line.length > MAX_OPTION_LENGTH);
    if (tooLong)
      issue(`Keep each option under ${MAX_OPTION_LENGTH} characters`);
    const seen = new Set<string>();
    const repeated = lines.find((line) =>
      seen.has(line.toLowerCase())
        ? true
        : (seen.add(line.toLowerCase()), false),
    );
    if (repeated) issue(`“${repeated.slice(0, 60)}” is there twice`);
    return { ...values, helpText: values.helpText || null, options: lines };
  },
);

export type QuestionFormValues = z.output<typeof QuestionFormSchema>;

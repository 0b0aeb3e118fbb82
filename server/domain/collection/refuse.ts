import type { z } from "zod";
import { messages } from "@/common/messages";
import { AppError } from "@/server/errors";

/** Parses with the shared schema; the first problem is a French refusal naming its field. */
export function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = String(issue.path[0] ?? "");
  throw new AppError("BAD_REQUEST", `${messages.fields[field] ?? field} : ${issue.message}`, field || undefined);
}

import { AppError } from "@/server/errors";

/**
 * The answers of the upload routes (family file, pre-registration, family import): JSON, never
 * cached, `{ message, field }` in French when refused. A FORBIDDEN is answered as a NOT_FOUND, so a
 * route never tells an outsider that what they asked for exists.
 */
export const jsonAnswer = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { "cache-control": "no-store", "x-content-type-options": "nosniff" } });

export const refusal = (status: number, message: string, field?: string) => jsonAnswer(status, { message, field });

export const statusOf: Record<AppError["code"], number> = { NOT_FOUND: 404, FORBIDDEN: 404, UNAUTHORIZED: 401, BAD_REQUEST: 400, CONFLICT: 409, TOO_MANY_REQUESTS: 429 };

/** An AppError as its refusal; anything else is a bug and goes on up. */
export function refusalOf(error: unknown): Response {
  if (error instanceof AppError) return refusal(statusOf[error.code], error.message, error.field);
  throw error;
}

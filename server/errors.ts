import { TRPCError } from "@trpc/server";
import { messages } from "@/common/messages";

export type AppErrorCode = Exclude<keyof typeof messages.errors, "INTERNAL">;

/** The one error type for expected failures; `message` is French and shown to the user as is. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string = messages.errors[code],
    readonly field?: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = () => new AppError("NOT_FOUND");
export const forbidden = () => new AppError("FORBIDDEN");

/** Maps any thrown value to a tRPC error; unknown errors are logged and never shown raw. */
export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof AppError) return new TRPCError({ code: error.code, message: error.message, cause: error });
  console.error("[recre] erreur inattendue", error);
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: messages.errors.INTERNAL });
}

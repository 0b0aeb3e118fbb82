import { cache } from "react";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { StaffRole } from "@/db/schema";
import { withTenant } from "@/db/transaction";
import { now as clockNow } from "@/common/clock";
import { findUserById } from "./domain/auth/account";
import { parentActor, staffActor, type Actor, type Scope } from "./domain/scope";
import type { Tenant } from "./domain/tenants/tenants";
import { findTenantWithAccess } from "./domain/tenants/tenants";
// The domain's areas plugged into each other's ports, before any procedure runs.
import "./domain/wiring";
import { AppError, toTRPCError } from "./errors";
import { fieldLabel, messages } from "@/common/messages";

z.config(z.locales.fr());
z.config({ customError: plainFrench });

const isBlank = (input: unknown) => input === undefined || input === null || input === "" || (typeof input === "number" && Number.isNaN(input));

/**
 * Plain French for the checks a person can fail in a form, where the schema says nothing itself (a
 * schema's own message always wins); anything else keeps the French locale's wording.
 */
function plainFrench(issue: z.core.$ZodRawIssue): string | undefined {
  const v = messages.validation;
  switch (issue.code) {
    case "invalid_type":
      if (issue.expected === "int" && typeof issue.input === "number" && Number.isFinite(issue.input)) return v.integer;
      if (issue.expected === "number" || issue.expected === "int") return v.numberRequired;
      return isBlank(issue.input) ? v.required : undefined;
    case "too_small":
      if (issue.origin === "string") return isBlank(issue.input) ? v.required : v.minLength(Number(issue.minimum));
      if (issue.origin === "array" || issue.origin === "set") return v.minItems(Number(issue.minimum));
      if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint") return v.atLeast(issue.minimum as number | bigint, issue.inclusive ?? true);
      return undefined;
    case "too_big":
      if (issue.origin === "string") return v.maxLength(Number(issue.maximum));
      if (issue.origin === "array" || issue.origin === "set") return v.maxItems(Number(issue.maximum));
      if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint") return v.atMost(issue.maximum as number | bigint, issue.inclusive ?? true);
      return undefined;
    case "invalid_value":
      return v.invalidChoice;
    default:
      return undefined;
  }
}

export interface SessionUser {
  id: string;
  email?: string | null;
  name?: string | null;
}

/** Everything a procedure may know about its caller; tests build it directly. */
export interface InnerContext {
  user: SessionUser | null;
  /** Commune slug from the page's URL, sent by the client as a header. */
  communeSlug: string | null;
  ip: string;
  /** The client is on this machine (server/auth/client-ip.ts isLoopbackClient): development tools only. */
  loopback: boolean;
}

export function createInnerContext(ctx: Partial<InnerContext> = {}): InnerContext {
  return { user: ctx.user ?? null, communeSlug: ctx.communeSlug ?? null, ip: ctx.ip ?? "local", loopback: ctx.loopback ?? false };
}

export const COMMUNE_HEADER = "x-recre-commune";

const t = initTRPC.context<InnerContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    const fieldErrors: Record<string, string> = {};
    for (const issue of zodError?.issues ?? []) {
      const key = issue.path.join(".") || "_";
      fieldErrors[key] ??= `${fieldLabel(issue.path)} : ${issue.message}`;
    }
    const field = error.cause instanceof AppError ? error.cause.field : undefined;
    return {
      ...shape,
      message: zodError ? Object.values(fieldErrors).join(" · ") : shape.message,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, fieldErrors, field },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/** Every procedure: AppErrors become their tRPC code, anything unexpected is logged and hidden. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const { error } = result;
    if (error.cause instanceof AppError) throw toTRPCError(error.cause);
    if (error.code === "INTERNAL_SERVER_ERROR") throw toTRPCError(error.cause ?? error);
  }
  return result;
});

/**
 * C0 control characters but tab, line feed and carriage return, and DEL: never typed, and PostgreSQL
 * refuses NUL. Also half of a surrogate pair alone (not a character at all): PostgreSQL's jsonb refuses it.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function hasControlCharacters(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return CONTROL_CHARACTERS.test(value);
  if (depth > 32 || value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.some((item) => hasControlCharacters(item, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.entries(value).some(([key, item]) => CONTROL_CHARACTERS.test(key) || hasControlCharacters(item, depth + 1));
}

/** Every procedure: a control character anywhere in the input is a clear refusal, before any schema or query. */
const refuseControlCharacters = t.middleware(async ({ getRawInput, next }) => {
  if (hasControlCharacters(await getRawInput())) throw new TRPCError({ code: "BAD_REQUEST", message: messages.requests.controlCharacters });
  return next();
});

export const publicProcedure = t.procedure.use(mapErrors).use(refuseControlCharacters);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user?.id) throw new TRPCError({ code: "UNAUTHORIZED", message: messages.errors.UNAUTHORIZED });
  return next({ ctx: { user: ctx.user } });
});

export const operatorProcedure = authedProcedure.use(async ({ ctx, next }) => {
  // Read from the database, not the token, so a revoked operator loses access at once.
  const user = await findUserById(ctx.user.id);
  if (!user?.isOperator) throw new TRPCError({ code: "NOT_FOUND", message: messages.errors.NOT_FOUND });
  return next();
});

/**
 * The commune comes from the URL; a user with neither a staff role nor a family there gets
 * NOT_FOUND, exactly as for a commune that does not exist.
 */
/** Once per server render (a layout and its page ask the same); per call elsewhere (React's cache is inert outside a render). */
const tenantWithAccess = cache(findTenantWithAccess);

export const tenantProcedure = authedProcedure.use(async ({ ctx, next }) => {
  const found = ctx.communeSlug ? await tenantWithAccess(ctx.communeSlug, ctx.user.id) : null;
  if (!found) throw new TRPCError({ code: "NOT_FOUND", message: messages.errors.NOT_FOUND });
  const { tenant, access } = found;
  if (access.staffRoles.length === 0 && access.householdIds.length === 0) {
    throw new TRPCError({ code: "NOT_FOUND", message: messages.errors.NOT_FOUND });
  }
  if (tenant.status === "suspended") throw new TRPCError({ code: "FORBIDDEN", message: messages.tenant.suspended });
  return next({ ctx: { tenant, access } });
});

/** Thrown inside the tenant transaction so that a failed procedure rolls it back; never leaves here. */
const rollback = Symbol("rollback");

/**
 * Runs the rest of a procedure inside the commune's transaction (`withTenant`), handing it one
 * scope; a procedure that fails rolls the transaction back.
 */
async function inTenantTransaction<R extends { ok: boolean }>(tenant: Tenant, actor: Actor, next: (scope: Scope) => Promise<R>): Promise<R> {
  let result: R | undefined;
  try {
    await withTenant(tenant.id, async (tx) => {
      result = await next({ tx, tenant, actor, now: clockNow() });
      if (!result.ok) throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
  return result!;
}

/**
 * Staff of the commune with one of `roles`, without a transaction: for a procedure that calls an
 * outside service (payment, storage) between transactions of its own.
 */
export function staffProcedureNoTx(...roles: StaffRole[]) {
  return tenantProcedure.use(({ ctx, next }) => {
    if (!ctx.access.staffRoles.some((r) => roles.includes(r))) {
      throw new TRPCError({ code: "NOT_FOUND", message: messages.errors.NOT_FOUND });
    }
    return next({ ctx: { actor: staffActor(ctx.user.id, ctx.access.staffRoles) } });
  });
}

/** Staff of the commune with one of `roles`; the procedure runs in the commune's transaction, `ctx.scope`. */
export function staffProcedure(...roles: StaffRole[]) {
  return staffProcedureNoTx(...roles).use(({ ctx, next }) => inTenantTransaction(ctx.tenant, ctx.actor, (scope) => next({ ctx: { scope } })));
}

/** A parent of a family in the commune, without a transaction (see staffProcedureNoTx). */
export const parentProcedureNoTx = tenantProcedure.use(({ ctx, next }) => {
  if (ctx.access.householdIds.length === 0) throw new TRPCError({ code: "NOT_FOUND", message: messages.errors.NOT_FOUND });
  return next({ ctx: { actor: parentActor(ctx.user.id, ctx.access.householdIds) } });
});

/** A parent of a family in the commune; the procedure runs in the commune's transaction, `ctx.scope`. */
export const parentProcedure = parentProcedureNoTx.use(({ ctx, next }) => inTenantTransaction(ctx.tenant, ctx.actor, (scope) => next({ ctx: { scope } })));

/**
 * Any signed-in user in an active commune, member or not: a family new to the commune pre-registers
 * there. A commune that does not exist or is suspended is NOT_FOUND. The actor is a parent with the
 * households they already have there (none, for a new family); the procedure runs in the commune's
 * transaction and reads only the caller's own application.
 */
export const applicantProcedureNoTx = authedProcedure.use(async ({ ctx, next }) => {
  const found = ctx.communeSlug ? await findTenantWithAccess(ctx.communeSlug, ctx.user.id) : null;
  if (!found || found.tenant.status !== "active") throw new TRPCError({ code: "NOT_FOUND", message: messages.errors.NOT_FOUND });
  return next({ ctx: { tenant: found.tenant, access: found.access, actor: parentActor(ctx.user.id, found.access.householdIds) } });
});

export const applicantProcedure = applicantProcedureNoTx.use(({ ctx, next }) => inTenantTransaction(ctx.tenant, ctx.actor, (scope) => next({ ctx: { scope } })));

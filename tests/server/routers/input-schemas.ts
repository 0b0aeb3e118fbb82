import type { z } from "zod";
import { appRouter } from "@/server/root";

/** Every procedure of the app router with its kind and its zod input schemas (several `.input()` merge). */
export function procedures(): { path: string; type: "query" | "mutation" | "subscription"; inputs: z.ZodType[] }[] {
  const all = (appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: "query" | "mutation" | "subscription"; inputs: z.ZodType[] } }> } })._def.procedures;
  return Object.entries(all).map(([path, p]) => ({ path, type: p._def.type, inputs: p._def.inputs }));
}

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** Calls `visit` on every schema inside `schema` (object fields, array items, union options…) with its path. */
export function walk(schema: z.ZodType, visit: (path: string[], schema: z.ZodType, def: Def) => void, path: string[] = [], seen = new Set<unknown>()) {
  if (seen.has(schema)) return;
  seen.add(schema);
  const def = defOf(schema);
  visit(path, schema, def);
  const inner = (s: unknown, p = path) => walk(s as z.ZodType, visit, p, seen);
  switch (def.type) {
    case "object":
      for (const [key, value] of Object.entries(def.shape as Record<string, unknown>)) inner(value, [...path, key]);
      if (def.catchall) inner(def.catchall, [...path, "*"]);
      break;
    case "array":
      inner(def.element, [...path, "0"]);
      break;
    case "set":
      inner(def.valueType, [...path, "0"]);
      break;
    case "tuple":
      (def.items as unknown[]).forEach((item, i) => inner(item, [...path, String(i)]));
      break;
    case "record":
    case "map":
      inner(def.keyType, [...path, "<key>"]);
      inner(def.valueType, [...path, "*"]);
      break;
    case "union":
      for (const option of def.options as unknown[]) inner(option);
      break;
    case "intersection":
      inner(def.left);
      inner(def.right);
      break;
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "nonoptional":
    case "readonly":
    case "catch":
    case "success":
      inner(def.innerType);
      break;
    case "pipe":
      inner(def.in);
      inner(def.out);
      break;
    case "lazy":
      inner((def.getter as () => unknown)());
      break;
  }
}

/** Formats whose pattern fixes the length: no max needed. */
const FIXED_FORMATS = new Set(["uuid", "guid", "date", "time", "datetime", "duration", "ipv4", "ipv6", "cuid", "cuid2", "ulid", "nanoid", "base64url", "e164"]);

/** The maximum length a string schema accepts, or null when unbounded. */
export function stringBound(def: Def): number | null {
  if (FIXED_FORMATS.has(def.format as string)) return 64;
  const checks = (def.checks as { _zod: { def: { check: string; maximum?: number; length?: number } } }[] | undefined) ?? [];
  const bounds = checks.map((c) => c._zod.def).flatMap((c) => (c.check === "max_length" ? [c.maximum!] : c.check === "length_equals" ? [c.length!] : []));
  return bounds.length ? Math.min(...bounds) : null;
}

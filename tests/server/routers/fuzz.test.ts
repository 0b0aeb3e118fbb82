import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/root";
import { createInnerContext } from "@/server/trpc";
import { loadDemo, userId } from "../../fixtures/demo";
import { demoIds } from "../../fixtures/demo-ids";
import { procedures, walk } from "./input-schemas";

/**
 * Finding 8 of issue #12: malformed inputs must get a clear refusal, never a 500. Every procedure of
 * the app router receives plausible inputs with one field broken at a time (wrong type, huge
 * string, NUL and control characters, far dates, negative and huge numbers), as a parent, a
 * commune admin and an anonymous visitor.
 */
beforeAll(loadDemo);

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

let ids: Record<string, string> = {};
/** A real id for a field name where the demo has one, so a broken neighbour reaches the domain. */
function idFor(key: string | undefined): string {
  const byKey: Record<string, string | undefined> = {
    childId: ids.Sarah,
    activityId: ids["Cantine"] ?? Object.values(ids)[0],
    siteId: ids["Les Lutins Gourmands"] ?? Object.values(ids)[0],
    householdId: ids["JOL-00042"],
  };
  return byKey[key ?? ""] ?? "00000000-0000-4000-8000-000000000000";
}

/** A value the schema probably accepts. */
function plausible(schema: z.ZodType, key?: string): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case "string":
      if (def.format === "uuid" || def.format === "guid") return idFor(key);
      if (def.format === "email") return "fuzz@recre.test";
      if (def.format === "date" || /date|from|to|day/i.test(key ?? "")) return "2026-12-02";
      if (/month|period/i.test(key ?? "")) return "2026-12";
      if (/time/i.test(key ?? "")) return "10:00";
      return "texte";
    case "number":
    case "int":
      return 1;
    case "bigint":
      return 1n;
    case "boolean":
      return true;
    case "date":
      return new Date("2026-12-02T10:00:00Z");
    case "enum":
      return Object.values(def.entries as Record<string, unknown>)[0];
    case "literal":
      return (def.values as unknown[])[0];
    case "array":
      return [plausible(def.element as z.ZodType, key)];
    case "object":
      return Object.fromEntries(Object.entries(def.shape as Record<string, z.ZodType>).map(([k, v]) => [k, plausible(v, k)]));
    case "intersection":
      return { ...(plausible(def.left as z.ZodType, key) as object), ...(plausible(def.right as z.ZodType, key) as object) };
    case "union":
      return plausible((def.options as z.ZodType[])[0]!, key);
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return plausible(def.innerType as z.ZodType, key);
    case "pipe":
      return plausible(def.in as z.ZodType, key);
    case "record":
      return {};
    case "lazy":
      return plausible((def.getter as () => z.ZodType)(), key);
    default:
      return undefined;
  }
}

const HUGE = "é".repeat(300_000);
const BAD_STRINGS = [HUGE, "\u0000", "a\u0000b", "\u0007\u001b[31m\u007f", "0000-01-01", "9999-12-31", "2026-02-30", "-1", "1e308", "\uD800", "' OR 1=1 --", "<script>alert(1)</script>", "", " "];
const BAD_NUMBERS = [-1, 0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31];
const WRONG_TYPES = [null, {}, [], true, "texte", 42];

/** Sets `value` at `path` inside a copy of `input` (creating objects on the way). */
function setAt(input: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const base = Array.isArray(input) ? [...input] : input && typeof input === "object" ? { ...(input as object) } : {};
  (base as Record<string, unknown>)[head!] = setAt((base as Record<string, unknown>)[head!], rest, value);
  return base;
}

/** Broken variants of a plausible input: each leaf in turn gets a bad value, cycling through the lists. */
function variants(inputs: z.ZodType[]): unknown[] {
  if (inputs.length === 0) return [undefined, { extra: HUGE }];
  const base = inputs.map((i) => plausible(i)).reduce((a, b) => (a && typeof a === "object" && b && typeof b === "object" ? { ...a, ...b } : (b ?? a)), undefined);
  const out: unknown[] = [base, null, "texte", [HUGE]];
  let turn = 0;
  for (const input of inputs) {
    walk(input, (path, _schema, def) => {
      const pick = <T,>(list: T[]) => list[turn++ % list.length]!;
      if (def.type === "string") out.push(setAt(base, path, pick(BAD_STRINGS)), setAt(base, path, pick(BAD_STRINGS)));
      else if (def.type === "number" || def.type === "int") out.push(setAt(base, path, pick(BAD_NUMBERS)), setAt(base, path, pick(BAD_NUMBERS)));
      else if (def.type === "array") out.push(setAt(base, path, Array.from({ length: 5000 }, () => 1)));
      else if (["boolean", "enum", "date", "literal"].includes(def.type)) out.push(setAt(base, path, pick(WRONG_TYPES)));
      if (path.length && def.type === "object") out.push(setAt(base, path, pick(WRONG_TYPES)));
    });
  }
  return out;
}

type Caller = ReturnType<typeof createCaller>;
function procedureOf(caller: Caller, path: string): (input: unknown) => Promise<unknown> {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
}

describe("fuzzing every procedure", () => {
  it("never answers INTERNAL_SERVER_ERROR to at least 1,000 malformed inputs", { timeout: 240_000 }, async () => {
    ids = (await demoIds()).ids;
    const actors: [string, Caller][] = [
      ["anonyme", createCaller(createInnerContext({ communeSlug: "jolieville", ip: "198.51.100.250" }))],
      ["parent", createCaller(createInnerContext({ user: { id: await userId("parent@recre.test") }, communeSlug: "jolieville", ip: "198.51.100.251" }))],
      ["admin", createCaller(createInnerContext({ user: { id: await userId("admin@jolieville.test") }, communeSlug: "jolieville", ip: "198.51.100.252" }))],
    ];
    const failures: string[] = [];
    let calls = 0;
    for (const { path, type, inputs } of procedures()) {
      if (type === "subscription") continue;
      for (const input of variants(inputs)) {
        for (const [who, caller] of actors) {
          calls++;
          try {
            await procedureOf(caller, path)(input);
          } catch (error) {
            const code = error instanceof TRPCError ? error.code : "NOT_A_TRPC_ERROR";
            if (code === "INTERNAL_SERVER_ERROR" || code === "NOT_A_TRPC_ERROR") {
              const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
              failures.push(`${path} as ${who}: ${JSON.stringify(input)?.slice(0, 160)} → ${cause.slice(0, 200)}`);
            }
          }
        }
      }
    }
    expect(calls).toBeGreaterThanOrEqual(1000);
    expect(failures).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { procedures, stringBound, walk } from "./input-schemas";

// Finding 2 of issue #12: a 1 MB password took 1.8 s to hash. Every string a client sends has a maximum.
describe("every procedure's input", () => {
  it("bounds every string and every array", () => {
    const unbounded: string[] = [];
    for (const { path, inputs } of procedures()) {
      for (const input of inputs) {
        walk(input, (at, _schema, def) => {
          if (def.type === "string" && stringBound(def) === null) unbounded.push(`${path} ${at.join(".") || "(input)"}: string`);
          if (def.type === "array") {
            const checks = (def.checks as { _zod: { def: { check: string } } }[] | undefined) ?? [];
            if (!checks.some((c) => ["max_length", "length_equals"].includes(c._zod.def.check))) unbounded.push(`${path} ${at.join(".")}: array`);
          }
        });
      }
    }
    expect(unbounded).toEqual([]);
  });
});

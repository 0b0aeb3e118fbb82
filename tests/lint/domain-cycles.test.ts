import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const domain = path.join(root, "server/domain");

/** Every `.ts` file under a folder. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

/** The domain areas a file imports (static, re-export or dynamic), by the folder under server/domain. */
function areasImported(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const specifiers = [...source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g)].map((m) => m[1]!);
  return specifiers.flatMap((s) => {
    const target = s.startsWith("@/") ? path.join(root, s.slice(2)) : s.startsWith(".") ? path.resolve(path.dirname(file), s) : null;
    const rel = target ? path.relative(domain, target) : "..";
    return rel.startsWith("..") ? [] : [rel.split(path.sep)[0]!];
  });
}

const areaOf = (file: string) => path.relative(domain, file).split(path.sep)[0]!;

describe("booking and billing", () => {
  it("booking imports nothing of billing: billing plugs in through booking/ports.ts", () => {
    const offenders = filesUnder(path.join(domain, "booking")).filter((f) => areasImported(f).includes("billing"));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });

  it("the scan sees an import of billing when there is one", () => {
    expect(areasImported(path.join(domain, "billing/booking-port.ts"))).toContain("booking");
    expect(new Set(filesUnder(domain).map(areaOf))).toContain("booking");
  });
});

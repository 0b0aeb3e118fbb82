import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Reading across communes is a deliberate, documented choice: every file of server/ that opens the
 * platform path is listed in docs/scaling.md (and so reviewed for multi-shard reads on Citus).
 */
const root = path.resolve(__dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe("platform paths", () => {
  it("every file of server/ using withPlatform is listed in docs/scaling.md", () => {
    const doc = readFileSync(path.join(root, "docs/scaling.md"), "utf8");
    const users = sourceFiles(path.join(root, "server"))
      .filter((f) => /\bwithPlatform\(|\bplatformFirst\b/.test(readFileSync(f, "utf8")))
      .map((f) => path.relative(root, f));
    expect(users.length).toBeGreaterThan(5);
    const listed = (file: string) => doc.includes(`\`${file}\``) || doc.includes(`\`${path.basename(file)}\``);
    expect(users.filter((f) => !listed(f))).toEqual([]);
  });
});

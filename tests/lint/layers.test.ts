import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root });

/** Lints `code` as if it were the file at `file` (which need not exist), returning the layering messages. */
async function layering(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "layers/client-imports").map((m) => m.message);
}

describe("the direction of imports between layers", () => {
  it.each([
    ["db/schema/fixture.ts", `import { hashPassword } from "@/server/domain/auth/password";\nexport const x = hashPassword;`],
    ["db/fixture.ts", `import { env } from "../server/demo/prepare";\nexport const x = env;`],
    ["server/domain/fixture.ts", `import { Button } from "@/app/_components/ui";\nexport const x = Button;`],
    ["server/domain/billing/fixture.ts", `import { appRouter } from "@/server/root";\nexport const x = appRouter;`],
    ["server/domain/billing/fixture2.ts", `import { router } from "@/server/trpc";\nexport const x = router;`],
    ["server/routers/fixture.ts", `import { Button } from "@/app/_components/ui";\nexport const x = Button;`],
    ["emails/fixture.tsx", `import { getDb } from "@/db";\nexport const x = getDb;`],
    ["emails/fixture2.tsx", `import { formatMoney } from "@/server/domain/billing/invoices";\nexport const x = formatMoney;`],
    ["app/fixture/page.tsx", `import { getDb } from "@/db";\nexport const x = getDb;`],
    ["common/fixture.ts", `import { env } from "@/config/env";\nexport const x = env;`],
    ["common/fixture2.ts", `import type { Tx } from "@/db";\nexport type X = Tx;`],
    ["common/fixture3.ts", `import { AppError } from "@/server/errors";\nexport const x = AppError;`],
    ["config/fixture.ts", `import { getDb } from "@/db";\nexport const x = getDb;`],
    ["app/fixture/client.tsx", `"use client";\nimport { messages } from "@/server/domain/booking/bookings";\nexport const x = messages;`],
    ["app/fixture/client2.tsx", `"use client";\nimport { env } from "@/config/env";\nexport const x = env;`],
    ["app/fixture/client3.tsx", `"use client";\nexport { applyBookingChanges } from "@/server/domain/booking/bookings";`],
  ])("refuses what %s imports", async (file, code) => {
    expect(await layering(file, code)).toHaveLength(1);
  });

  it.each([
    ["db/schema/fixture.ts", `import type { DeadlineRule } from "@/common/deadline-rule";\nexport type X = DeadlineRule;`],
    ["server/domain/fixture.ts", `import { getDb } from "@/db";\nimport { formatMoney } from "@/common/money";\nexport const x = [getDb, formatMoney];`],
    ["app/fixture/page.tsx", `import { serverCaller } from "@/app/_lib/server";\nexport const x = serverCaller;`],
    ["app/fixture/client.tsx", `"use client";\nimport type { AppRouter } from "@/server/root";\nimport { formatMoney } from "@/common/money";\nexport const x: AppRouter | typeof formatMoney | null = null;`],
    ["emails/fixture.tsx", `import { formatMoney } from "@/common/money";\nexport const x = formatMoney;`],
  ])("lets %s import what its layer may", async (file, code) => {
    expect(await layering(file, code)).toEqual([]);
  });
});

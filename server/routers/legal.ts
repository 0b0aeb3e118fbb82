import { z } from "zod";
import { communeLegalInfo } from "@/server/domain/legal/publisher";
import { notFound } from "@/server/errors";
import { publicProcedure, router } from "@/server/trpc";

export const legalRouter = router({
  /** The commune named in a legal page's URL: its details as data controller. */
  commune: publicProcedure.input(z.object({ slug: z.string().max(100) })).query(async ({ input }) => {
    const info = await communeLegalInfo(input.slug);
    if (!info) throw notFound();
    return info;
  }),
});

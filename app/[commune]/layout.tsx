import { TRPCError } from "@trpc/server";
import type { ReactNode } from "react";
import { SiteHeader } from "@/app/_components/site-header";
import { Alert, Main } from "@/app/_components/ui";
import { load, requireSession } from "@/app/_lib/server";

/** Every commune page: signed in, and a family or a staff role in this commune, or a 404. */
export default async function CommuneLayout({ children, params }: { children: ReactNode; params: Promise<{ commune: string }> }) {
  const { commune } = await params;
  await requireSession(`/${commune}`);
  try {
    await load(commune, (api) => api.commune.access());
  } catch (error) {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") {
      return (
        <>
          <SiteHeader title="Portail famille" />
          <Main narrow>
            <Alert tone="warning">{error.message}</Alert>
          </Main>
        </>
      );
    }
    throw error;
  }
  return children;
}

"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { useParams } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/root";
import { TRPCProvider } from "./trpc";

export function Providers({ children }: { children: ReactNode }) {
  const params = useParams<{ commune?: string }>();
  // The commune of the page being shown travels with every call; the server re-checks access.
  const commune = useRef<string | undefined>(undefined);
  commune.current = params?.commune;
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } }));
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: "/api/trpc",
          // The server refuses longer batches (server/request-limits.ts).
          maxItems: 10,
          transformer: superjson,
          headers: (): Record<string, string> => (commune.current ? { "x-recre-commune": commune.current } : {}),
        }),
      ],
    }),
  );
  // Marks the page interactive (parents' effects run after their children's): browser tests wait
  // for it so that a click never lands on a button React has not wired yet.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

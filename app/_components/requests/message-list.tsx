"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Badge } from "@/app/_components/ui";
import { useTRPC } from "@/app/_lib/trpc";

export interface MessageItem {
  id: string;
  subject: string;
  body: string;
  sentAtLabel: string;
  fromLabel: string;
  unread: boolean;
  extra?: string;
}

/**
 * Messages as disclosures, latest first: opening an unread one marks it read (for the side it was
 * sent to), so the count on the home page and in the nav goes down.
 */
export function MessageList({ items, side }: { items: MessageItem[]; side: "family" | "staff" }) {
  const trpc = useTRPC();
  const router = useRouter();
  const family = useMutation({ ...trpc.messages.markRead.mutationOptions(), onSuccess: () => router.refresh() });
  const staff = useMutation({ ...trpc.messages.staffMarkRead.mutationOptions(), onSuccess: () => router.refresh() });
  if (!items.length) return <p className="text-sm text-slate-600">Aucun message pour le moment.</p>;
  return (
    <ul className="space-y-2">
      {items.map((m) => (
        <li key={m.id}>
          <details
            className={`rounded-lg border p-3 ${m.unread ? "border-brand-300 bg-brand-50" : "border-slate-200 bg-white"}`}
            onToggle={(e) => {
              if ((e.currentTarget as HTMLDetailsElement).open && m.unread) (side === "family" ? family : staff).mutate({ messageId: m.id });
            }}
          >
            <summary className="flex min-h-11 cursor-pointer flex-wrap items-center gap-2">
              {m.unread ? <Badge tone="warning">Non lu</Badge> : null}
              <span className="font-semibold text-slate-900">{m.subject}</span>
              <span className="text-sm text-slate-600">
                {m.fromLabel} · {m.sentAtLabel}
                {m.extra ? ` · ${m.extra}` : ""}
              </span>
            </summary>
            <p className="mt-2 whitespace-pre-line text-sm text-slate-900">{m.body}</p>
          </details>
        </li>
      ))}
    </ul>
  );
}

import Link from "next/link";
import { load } from "@/app/_lib/server";

/**
 * The parent's home (/compte): unread messages from each commune, one line each with the way to
 * read them. Renders nothing when there are none. Self-contained (one procedure) so /compte can host it anywhere.
 */
export async function UnreadMessages() {
  const unread = await load(undefined, (api) => api.messages.unreadEverywhere());
  if (!unread.length) return null;
  return (
    <section aria-labelledby="messages-non-lus" className="mb-6 rounded-xl border border-amber-300 bg-amber-50 p-5">
      <h2 id="messages-non-lus" className="text-lg font-semibold text-slate-900">
        Messages non lus
      </h2>
      <ul className="mt-2 space-y-1">
        {unread.map((u) => (
          <li key={u.tenantSlug}>
            <Link href={`/${u.tenantSlug}/messages`} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline underline-offset-4">
              {u.tenantName} : {u.unread} message{u.unread > 1 ? "s" : ""} non lu{u.unread > 1 ? "s" : ""}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

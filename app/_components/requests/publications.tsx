import { formatInstant } from "@/common/dates";

interface NewsItem {
  id: string;
  title: string;
  body: string;
  publishFrom: Date;
}
interface DocumentItem {
  id: string;
  title: string;
  categoryLabel: string;
  url: string;
  sizeBytes: number;
}

/** The commune's news, latest first (family space and public page alike). */
export function NewsList({ news, timeZone, headingLevel = 3 }: { news: NewsItem[]; timeZone: string; headingLevel?: 2 | 3 }) {
  if (!news.length) return <p className="text-sm text-slate-600">Aucune actualité en ce moment.</p>;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="space-y-4">
      {news.map((n) => (
        <li key={n.id}>
          <article>
            <Heading className="font-semibold text-slate-900">{n.title}</Heading>
            <p className="text-xs text-slate-600">{formatInstant(n.publishFrom, timeZone)}</p>
            <p className="mt-1 whitespace-pre-line text-sm text-slate-800">{n.body}</p>
          </article>
        </li>
      ))}
    </ul>
  );
}

/** Published documents, each a download. */
export function DocumentList({ documents }: { documents: DocumentItem[] }) {
  if (!documents.length) return <p className="text-sm text-slate-600">Aucun document publié.</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {documents.map((d) => (
        <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-1">
          <a href={d.url} className="inline-flex min-h-11 items-center font-medium text-brand-700 underline underline-offset-4">
            {d.title}
          </a>
          <span className="text-sm text-slate-600">
            {d.categoryLabel} · PDF, {Math.max(1, Math.round(d.sizeBytes / 1024))} Ko
          </span>
        </li>
      ))}
    </ul>
  );
}

"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { NavItem } from "./site-header";

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  // The longest matching prefix is the current section.
  const current = items
    .filter((i) => pathname === i.href || (!i.exact && pathname.startsWith(`${i.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    // Phones scroll the row sideways; wider screens wrap it, so no item is ever cut off.
    <ul className="mx-auto flex max-w-5xl gap-x-1 overflow-x-auto px-2 sm:flex-wrap sm:overflow-x-visible sm:px-4">
      {items.map((item) => (
        <li key={item.href}>
          <Link
            href={item.href}
            aria-current={item.href === current ? "page" : undefined}
            className="block whitespace-nowrap border-b-2 border-transparent px-3 py-3 text-sm font-medium text-slate-700 hover:text-brand-700 aria-[current=page]:border-brand-700 aria-[current=page]:text-brand-800"
          >
            {item.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}

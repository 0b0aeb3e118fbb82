"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import type { NavItem } from "./site-header";

/** How many links the bar holds: phones, from `sm` (640 px), from `lg` (1024 px). The rest go under « Plus ». */
const SLOTS = { base: 3, sm: 5, lg: 8 } as const;
type Breakpoint = keyof typeof SLOTS;
const SHOW: Record<Breakpoint, string> = { base: "block", sm: "sm:block", lg: "lg:block" };
const HIDE: Record<Breakpoint, string> = { base: "hidden", sm: "sm:hidden", lg: "lg:hidden" };

/** The links shown in the bar at a width: the first ones, the last slot given to the current page when it comes later. */
function inBar(index: number, current: number, count: number, slots: number): boolean {
  if (count <= slots) return true;
  const room = slots - 1; // one slot for « Plus »
  if (current >= room) return index === current || index < room - 1;
  return index < room;
}

/** For each breakpoint, the class that shows (or hides) an element when `visible` says so. */
function classesFor(visible: (bp: Breakpoint) => boolean): string {
  return (Object.keys(SLOTS) as Breakpoint[]).map((bp) => (visible(bp) ? SHOW[bp] : HIDE[bp])).join(" ");
}

/**
 * The main navigation: every destination one tap away, the current page always in the bar. What
 * does not fit at the screen's width is listed under « Plus » (a disclosure button).
 */
export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const wrapper = useRef<HTMLLIElement>(null);
  // The longest matching prefix is the current section.
  const currentHref = items
    .filter((i) => pathname === i.href || (!i.exact && pathname.startsWith(`${i.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  const current = items.findIndex((i) => i.href === currentHref);
  const shown = (index: number, bp: Breakpoint) => inBar(index, current, items.length, SLOTS[bp]);
  const moreNeeded = (bp: Breakpoint) => items.some((_, i) => !shown(i, bp));

  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  const link = "block whitespace-nowrap px-3 py-3 text-sm font-medium text-slate-700 hover:text-brand-700";
  return (
    <ul className="mx-auto flex max-w-5xl items-stretch gap-x-1 px-2 sm:px-4">
      {items.map((item, i) => (
        <li key={item.href} className={classesFor((bp) => shown(i, bp))}>
          <Link
            href={item.href}
            aria-current={i === current ? "page" : undefined}
            className={`${link} border-b-2 border-transparent aria-[current=page]:border-brand-700 aria-[current=page]:text-brand-800`}
          >
            {item.label}
          </Link>
        </li>
      ))}
      <li ref={wrapper} className={`relative ml-auto ${classesFor(moreNeeded)}`}>
        <button
          type="button"
          aria-expanded={open}
          aria-controls={menuId}
          onClick={() => setOpen((o) => !o)}
          className={`${link} flex min-h-11 items-center gap-1 rounded-md`}
        >
          Plus
          <svg aria-hidden="true" viewBox="0 0 20 20" className={`size-4 transition-transform ${open ? "rotate-180" : ""}`}>
            <path d="M5 7.5 10 12.5 15 7.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
        <ul
          id={menuId}
          hidden={!open}
          className="absolute right-0 z-20 mt-1 min-w-56 rounded-lg border border-slate-200 bg-white py-1 shadow-lg"
        >
          {items.map((item, i) => (
            <li key={item.href} className={classesFor((bp) => !shown(i, bp))}>
              <Link href={item.href} className="block px-4 py-3 text-sm font-medium text-slate-800 hover:bg-slate-50 hover:text-brand-700">
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </li>
    </ul>
  );
}

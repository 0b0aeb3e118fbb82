"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import type { NavItem } from "./site-header";

/**
 * Which links fit in a bar `available` pixels wide: all of them, or the current page plus as many
 * of the first ones as fit beside the « Plus » button. Returns the indexes shown in the bar.
 */
export function fitInBar(widths: number[], moreWidth: number, current: number, available: number): Set<number> {
  const all = widths.reduce((a, b) => a + b, 0);
  if (all <= available) return new Set(widths.keys());
  const shown = new Set<number>();
  let budget = available - moreWidth;
  if (current >= 0) {
    shown.add(current);
    budget -= widths[current]!;
  }
  for (let i = 0; i < widths.length; i++) {
    if (i === current) continue;
    if (widths[i]! > budget) break;
    shown.add(i);
    budget -= widths[i]!;
  }
  return shown;
}

/**
 * The main navigation: every destination one tap away, the current page always in the bar. The
 * links that do not fit at the screen's width are listed under « Plus » (a disclosure button).
 */
export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const bar = useRef<HTMLUListElement>(null);
  const more = useRef<HTMLLIElement>(null);
  // Widths of the links and of « Plus », measured once while all are in the bar (null: not yet).
  const widths = useRef<{ key: string; links: number[]; more: number } | null>(null);
  const [shown, setShown] = useState<Set<number> | null>(null);
  // The longest matching prefix is the current section.
  const currentHref = items
    .filter((i) => pathname === i.href || (!i.exact && pathname.startsWith(`${i.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  const current = items.findIndex((i) => i.href === currentHref);
  const key = items.map((i) => i.label).join("|");

  const layout = useCallback(() => {
    const ul = bar.current;
    if (!ul) return;
    if (widths.current?.key !== key) {
      // Measure with every link shown: this pass renders them all.
      if (shown !== null) return setShown(null);
      const links = [...ul.querySelectorAll<HTMLElement>(":scope > li[data-link]")].map((li) => li.getBoundingClientRect().width);
      widths.current = { key, links, more: more.current?.getBoundingClientRect().width ?? 0 };
    }
    const style = getComputedStyle(ul);
    const gap = parseFloat(style.columnGap) || 0;
    const available = ul.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const next = fitInBar(
      widths.current.links.map((w) => w + gap),
      widths.current.more + gap,
      current,
      available + gap,
    );
    setShown((prev) => (prev && prev.size === next.size && [...next].every((i) => prev.has(i)) ? prev : next));
  }, [key, current, shown]);

  useLayoutEffect(layout, [layout]);
  useEffect(() => {
    const ul = bar.current;
    if (!ul) return;
    const observer = new ResizeObserver(() => layout());
    observer.observe(ul);
    return () => observer.disconnect();
  }, [layout]);

  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !more.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  const inBar = (i: number) => shown === null || shown.has(i);
  const overflowing = shown === null || shown.size < items.length;
  const link = "block whitespace-nowrap px-3 py-3 text-sm font-medium text-slate-700 hover:text-brand-700";
  return (
    // Until measured (before hydration) the row is clipped rather than scrolling the page sideways.
    <ul ref={bar} className={`mx-auto flex max-w-5xl items-stretch gap-x-1 px-2 sm:px-4 ${shown === null ? "overflow-hidden" : ""}`}>
      {items.map((item, i) => (
        <li key={item.href} data-link="" className={inBar(i) ? "shrink-0" : "hidden"}>
          <Link
            href={item.href}
            aria-current={i === current ? "page" : undefined}
            className={`${link} border-b-2 border-transparent aria-[current=page]:border-brand-700 aria-[current=page]:text-brand-800`}
          >
            {item.label}
          </Link>
        </li>
      ))}
      <li ref={more} className={overflowing ? "relative ml-auto shrink-0" : "hidden"}>
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
        <ul id={menuId} hidden={!open} className="absolute right-0 z-20 mt-1 min-w-56 rounded-lg border border-slate-200 bg-white py-1 shadow-lg">
          {items.map((item, i) =>
            inBar(i) ? null : (
              <li key={item.href}>
                <Link href={item.href} className="block px-4 py-3 text-sm font-medium text-slate-800 hover:bg-slate-50 hover:text-brand-700">
                  {item.label}
                </Link>
              </li>
            ),
          )}
        </ul>
      </li>
    </ul>
  );
}

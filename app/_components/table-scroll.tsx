import type { ReactNode } from "react";

/**
 * A table that scrolls sideways inside its card on a narrow screen; the region is focusable so a
 * keyboard user can scroll it too (axe: scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="overflow-x-auto rounded focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700">
      {children}
    </div>
  );
}

"use client";
import { Button } from "../ui";

/** Fixed at the foot of the screen: how many changes wait, and sending them (for one child, or all and finish). */
export function ValidationBar({
  pendingCount,
  pendingForChild,
  childName,
  busy,
  anythingDone,
  onSubmit,
}: {
  pendingCount: number;
  pendingForChild: number;
  /** Set when the family has several children: « Valider pour Léa ». */
  childName: string | null;
  busy: boolean;
  /** Something was already sent: « Valider et terminer » shows its recap even with nothing left to send. */
  anythingDone: boolean;
  onSubmit: (onlyCurrentChild: boolean) => void;
}) {
  return (
    <div className="fixed inset-x-0 bottom-0 z-10 border-t border-slate-200 bg-white/95 py-3 shadow-lg backdrop-blur">
      {/* Same width and padding as the page (Main): the buttons line up with the planning above. */}
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 sm:px-6">
        <p className="text-sm text-slate-700" aria-live="polite">
          {pendingCount === 0 ? "Aucune modification en cours" : `${pendingCount} modification${pendingCount > 1 ? "s" : ""} à valider`}
        </p>
        <div className="flex gap-2">
          <Button variant="secondary" disabled={busy || pendingForChild === 0} onClick={() => onSubmit(true)}>
            Valider{childName !== null ? ` pour ${childName}` : ""}
          </Button>
          <Button disabled={busy || (pendingCount === 0 && !anythingDone)} onClick={() => onSubmit(false)}>
            Valider et terminer
          </Button>
        </div>
      </div>
    </div>
  );
}

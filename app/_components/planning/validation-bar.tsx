"use client";
import { formatMoney } from "@/common/money";
import { Button } from "../ui";

/**
 * Fixed at the foot of the screen while changes wait (or a recap does): how many, what they add up
 * to, and sending them. Hidden otherwise: on a phone it would hide the planning for nothing.
 */
export function ValidationBar({
  pendingCount,
  pendingForChild,
  pendingTotal,
  childName,
  busy,
  anythingDone,
  onSubmit,
}: {
  pendingCount: number;
  pendingForChild: number;
  /** The changes' total as the planning priced them (null: no price known). */
  pendingTotal: number | null;
  /** Set when the family has several children: sending this child's days only, to go on with another. */
  childName: string | null;
  busy: boolean;
  /** Something was already sent: the recap can be shown with nothing left to send. */
  anythingDone: boolean;
  onSubmit: (onlyCurrentChild: boolean) => void;
}) {
  if (pendingCount === 0 && !anythingDone) return null;
  return (
    <div className="fixed inset-x-0 bottom-0 z-10 border-t border-slate-200 bg-white/95 py-3 shadow-lg backdrop-blur">
      {/* Same width and padding as the page (Main): the buttons line up with the planning above. */}
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 sm:px-6">
        <p className="text-sm text-slate-700" aria-live="polite">
          {pendingCount === 0 ? "Tout est envoyé" : `${pendingCount} modification${pendingCount > 1 ? "s" : ""} à valider`}
          {pendingCount > 0 && pendingTotal !== null ? (
            <>
              {" · "}
              <span className="font-semibold">
                {pendingTotal < 0 ? "à déduire" : "total"} : {formatMoney(Math.abs(pendingTotal))}
              </span>
            </>
          ) : null}
        </p>
        <div className="flex flex-wrap gap-2">
          {childName !== null && pendingForChild > 0 && pendingForChild < pendingCount ? (
            <Button variant="secondary" disabled={busy} onClick={() => onSubmit(true)}>
              Valider pour {childName} seulement
            </Button>
          ) : null}
          <Button disabled={busy} onClick={() => onSubmit(false)}>
            {pendingCount === 0 ? "Voir le récapitulatif" : "Valider et voir le récapitulatif"}
          </Button>
        </div>
      </div>
    </div>
  );
}

"use client";
import { useId } from "react";
import { Button } from "@/app/_components/ui";
import { messages } from "@/common/messages";

export interface ClosureImpact {
  bookings: number;
  waitlisted: number;
}

export const cancelsSomething = (impact: ClosureImpact) => impact.bookings + impact.waitlisted > 0;

/**
 * Before a change that closes booked days (a calendar change, or one day of an activity): what it
 * cancels, and a choice. Focus goes to the confirmation, so a screen reader reads the question;
 * Escape goes back without saving.
 */
export function ClosureConfirm({
  impact,
  text = messages.calendar.closeConfirm(impact.bookings, impact.waitlisted),
  confirmLabel,
  pending,
  onConfirm,
  onCancel,
}: {
  impact: ClosureImpact;
  /** What will be cancelled, in words: the calendar's sentence unless the change says it otherwise. */
  text?: string;
  confirmLabel: string;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  return (
    <div
      role="alertdialog"
      aria-labelledby={`${id}-titre`}
      aria-describedby={`${id}-texte`}
      onKeyDown={(event) => {
        if (event.key === "Escape") onCancel();
      }}
      className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900"
    >
      <p id={`${id}-titre`} className="font-semibold">
        Des réservations seront annulées
      </p>
      <p id={`${id}-texte`} className="mt-1 text-sm">
        {text}
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button type="button" variant="danger" autoFocus disabled={pending} onClick={onConfirm}>
          {pending ? "Enregistrement…" : confirmLabel}
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={onCancel}>
          Ne rien changer
        </Button>
      </div>
    </div>
  );
}

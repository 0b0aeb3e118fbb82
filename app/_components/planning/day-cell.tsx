"use client";
import type { ReactNode } from "react";
import { formatDayLong, formatInstant } from "@/common/dates";
import { formatMoney } from "@/common/money";
import { messages } from "@/common/messages";
import type { Change, Day, PlanningActivity } from "./use-planning-changes";

/** One day of one activity: booked, ticked, free, full or closed, and what pressing it does. */
export function DayCell({
  day,
  activity,
  pending,
  enabled,
  onToggle,
  timeZone,
  wide = false,
}: {
  day: Day;
  activity: PlanningActivity;
  pending: Change | undefined;
  enabled: boolean;
  onToggle: (a: PlanningActivity, d: Day, waitlist?: boolean) => void;
  timeZone: string;
  wide?: boolean;
}) {
  // Availability and price are two things: « Libre » read as « free of charge », so a free day says its price.
  const places = day.remaining !== null && !day.own ? `${day.remaining} place${day.remaining > 1 ? "s" : ""}` : "";
  const price = day.priceCents === null ? "" : formatMoney(day.priceCents);
  // A month grid cell is about 55 px wide on a phone: small type, and a long word may break rather than overflow.
  const base = `flex flex-col items-center justify-center rounded-lg border text-center ${wide ? "min-h-11 w-40 shrink-0 px-3 py-1" : "min-h-16 w-full px-0 py-1 break-words sm:px-1"}`;
  const labelClass = wide ? "text-xs font-semibold" : "max-w-full text-[11px] font-semibold leading-tight sm:text-xs";
  // The accessible name is the day and activity (read only by screen readers), then the visible
  // text, then details: what is seen is always part of what is heard.
  const content = (visible: ReactNode, details = "") => (
    <>
      <span className="sr-only">{`${formatDayLong(day.date)}, ${activity.name} : `}</span>
      {!wide ? <span className="font-semibold">{Number(day.date.slice(8))}</span> : null}
      {visible}
      {details ? <span className="sr-only">{`, ${details}`}</span> : null}
    </>
  );

  if (day.own && !pending) {
    const waiting = day.own.status === "waitlisted";
    const cancelInfo = day.canCancel ? (day.cancelDeadline ? `annulable jusqu'au ${formatInstant(day.cancelDeadline, timeZone)}` : "annulable") : "non annulable en ligne";
    return (
      <button
        type="button"
        disabled={!enabled}
        aria-pressed="true"
        title={cancelInfo}
        onClick={() => onToggle(activity, day)}
        className={`${base} ${waiting ? "border-amber-400 bg-amber-50 text-amber-900" : "border-emerald-700 bg-emerald-700 text-white"} disabled:cursor-default`}
      >
        {content(
          <span className={labelClass}>
            {waiting ? `Liste d'attente${day.own.waitlistRank ? ` (${day.own.waitlistRank === 1 ? "1er" : `${day.own.waitlistRank}e`})` : ""}` : day.own.status === "held" ? (wide ? "Dans le panier" : "Panier") : "✓ Réservé"}
          </span>,
          cancelInfo,
        )}
      </button>
    );
  }
  if (pending) {
    const label = pending.action === "cancel" ? "À annuler" : pending.action === "waitlist" ? (wide ? "Liste d'attente demandée" : "En attente") : "À réserver";
    return (
      <button
        type="button"
        aria-pressed={pending.action !== "cancel"}
        onClick={() => onToggle(activity, day)}
        className={`${base} border-2 border-dashed ${pending.action === "cancel" ? "border-red-600 bg-red-50 text-red-800" : "border-brand-700 bg-brand-50 text-brand-800"}`}
      >
        {content(
          <>
            <span className={labelClass}>{label}</span>
            {price && pending.action !== "waitlist" ? <span className="text-[11px] leading-tight">{pending.action === "cancel" ? `−${price}` : price}</span> : null}
          </>,
          "appuyer à nouveau pour revenir en arrière",
        )}
      </button>
    );
  }
  if (enabled && day.full) {
    return (
      <button
        type="button"
        aria-pressed="false"
        onClick={() => onToggle(activity, day, true)}
        className={`${base} border-amber-400 bg-white text-amber-900 hover:bg-amber-50`}
      >
        {content(
          <>
            <span className={labelClass}>Complet</span>
            <span className="text-[11px] leading-tight underline">Liste d&apos;attente</span>
          </>,
          "rejoindre la liste d'attente",
        )}
      </button>
    );
  }
  if (enabled) {
    const deadline = `réservable jusqu'au ${formatInstant(day.bookingDeadline, timeZone)}`;
    return (
      <button
        type="button"
        aria-pressed="false"
        title={deadline}
        onClick={() => onToggle(activity, day)}
        className={`${base} border-slate-300 bg-white text-slate-800 hover:border-brand-700 hover:bg-brand-50`}
      >
        {content(
          <>
            {wide ? <span className="text-xs font-semibold">{price ? `Réserver · ${price}` : "Réserver"}</span> : null}
            {!wide && price ? <span className="text-[11px] font-semibold leading-tight">{price}</span> : null}
            {places ? <span className="text-[11px] leading-tight text-slate-600">{places}</span> : null}
            {!wide && !price && !places ? <span className="text-[11px] leading-tight text-slate-600">Réserver</span> : null}
          </>,
          deadline,
        )}
      </button>
    );
  }
  return (
    <div className={`${base} border-slate-200 bg-slate-100 text-slate-600`} title={day.reasonText}>
      {!wide ? <span className="font-semibold text-slate-700">{Number(day.date.slice(8))}</span> : null}
      <span className="text-[11px] leading-tight" aria-hidden={!wide}>
        {wide ? day.reasonText : day.reason ? messages.booking.shortReasons[day.reason] : ""}
      </span>
      {!wide ? <span className="sr-only">{`${formatDayLong(day.date)} : ${day.reasonText}`}</span> : null}
    </div>
  );
}

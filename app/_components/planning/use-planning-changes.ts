"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import type { CivilDate } from "@/common/dates";
import type { AppRouter } from "@/server/root";
import type { Outcome } from "./recap";

export type Planning = inferRouterOutputs<AppRouter>["reservations"]["planning"];
export type PlanningActivity = Planning["activities"][number];
export type Day = PlanningActivity["days"][number];
export type Action = "book" | "cancel" | "waitlist";
export interface Change {
  childId: string;
  activityId: string;
  date: CivilDate;
  action: Action;
  /** What the day costs (a booking) or gives back (a cancellation), as the planning showed it; null: no price. */
  priceCents: number | null;
}

export const keyOf = (c: Pick<Change, "childId" | "activityId" | "date">) => `${c.childId}|${c.activityId}|${c.date}`;

/**
 * The days ticked and unticked but not yet sent, for every child, and sending them: the server
 * checks each change again and answers day by day (`outcomes`).
 */
export function usePlanningChanges({ mode, childId, refetch }: { mode: "parent" | "staff"; childId: string; refetch: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Map<string, Change>>(new Map());
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [finished, setFinished] = useState(false);
  const [overrideReason, setOverrideReason] = useState("");
  const parentApply = useMutation(trpc.reservations.applyChanges.mutationOptions());
  const staffApply = useMutation(trpc.bookingsOnBehalf.applyChanges.mutationOptions());
  const apply = mode === "parent" ? parentApply : staffApply;

  const staffOverride = mode === "staff" && overrideReason.trim().length > 0;

  function toggle(activity: PlanningActivity, day: Day, waitlist = false) {
    const key = keyOf({ childId, activityId: activity.id, date: day.date });
    setPending((prev) => {
      const next = new Map(prev);
      if (next.has(key)) next.delete(key);
      else if (day.own) next.set(key, { childId, activityId: activity.id, date: day.date, action: "cancel", priceCents: day.own.status === "waitlisted" ? null : day.priceCents });
      else next.set(key, { childId, activityId: activity.id, date: day.date, action: waitlist ? "waitlist" : "book", priceCents: waitlist ? null : day.priceCents });
      return next;
    });
  }

  // The server says per day what this caller may change, and what staff may change with a reason.
  function canToggle(day: Day): boolean {
    return day.mayToggle || (staffOverride && day.mayToggleWithReason);
  }

  function setWholePeriod(activity: PlanningActivity, on: boolean) {
    setPending((prev) => {
      const next = new Map(prev);
      for (const day of activity.days) {
        if (!day.runs || day.own || !day.bookable || day.full) continue;
        const change = { childId, activityId: activity.id, date: day.date, action: "book" as const, priceCents: day.priceCents };
        if (on) next.set(keyOf(change), change);
        else next.delete(keyOf(change));
      }
      return next;
    });
  }

  async function submit(onlyCurrentChild: boolean) {
    const changes = [...pending.values()].filter((c) => !onlyCurrentChild || c.childId === childId).map(({ childId, activityId, date, action }) => ({ childId, activityId, date, action }));
    if (changes.length === 0) {
      if (!onlyCurrentChild) setFinished(true);
      return;
    }
    const result =
      mode === "parent"
        ? await parentApply.mutateAsync({ changes })
        : await staffApply.mutateAsync({ changes, overrideReason: overrideReason.trim() || undefined });
    setOutcomes((o) => [...o, ...result]);
    setPending((prev) => {
      const next = new Map(prev);
      for (const c of changes) next.delete(keyOf(c));
      return next;
    });
    await queryClient.invalidateQueries({ queryKey: trpc.reservations.planning.queryKey().slice(0, 1) });
    await refetch();
    // The header's "Panier (n)" counts the days held: the layout reads it again.
    if (result.some((o) => "held" in o && o.held)) router.refresh();
    if (!onlyCurrentChild) setFinished(true);
  }

  /** Back to the planning from the recap, with a fresh recap next time. */
  function startOver() {
    setFinished(false);
    setOutcomes([]);
  }

  const pendingForChild = useMemo(() => [...pending.values()].filter((c) => c.childId === childId).length, [pending, childId]);
  const pendingTotal = useMemo(() => pendingTotalOf([...pending.values()]), [pending]);
  const pendingFor = (activityId: string, date: CivilDate) => pending.get(keyOf({ childId, activityId, date }));

  return {
    pending,
    pendingFor,
    pendingForChild,
    pendingTotal,
    outcomes,
    finished,
    overrideReason,
    setOverrideReason,
    toggle,
    canToggle,
    setWholePeriod,
    submit,
    startOver,
    apply,
  };
}

/**
 * What the changes waiting to be sent add up to, as the planning priced them: days to book cost,
 * days to cancel give back, the waiting list is free until a place is given. An estimate: the server
 * prices again and applies sibling reductions; null when no change has a price.
 */
export function pendingTotalOf(changes: Change[]): number | null {
  const priced = changes.filter((c) => c.priceCents !== null && c.action !== "waitlist");
  if (!priced.length) return null;
  return priced.reduce((sum, c) => sum + (c.action === "cancel" ? -c.priceCents! : c.priceCents!), 0);
}

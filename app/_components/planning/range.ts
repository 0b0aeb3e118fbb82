import { addDays, monthRange, startOfWeek, type CivilDate } from "@/common/dates";

export type View = "month" | "fortnight" | "week";

/** The days a view shows around an anchor date, and where "previous" / "next" go. */
export function viewRange(view: View, anchor: CivilDate): { from: CivilDate; to: CivilDate; prev: CivilDate; next: CivilDate } {
  if (view === "month") {
    const month = anchor.slice(0, 7);
    const { from, to } = monthRange(month);
    return { from, to, prev: addDays(from, -1).slice(0, 8) + "01", next: addDays(to, 1) };
  }
  const from = startOfWeek(anchor);
  const length = view === "week" ? 7 : 14;
  return { from, to: addDays(from, length - 1), prev: addDays(from, -length), next: addDays(from, length) };
}

"use client";
import { formatDayLong, formatMonth, isoWeekday, ofMonth, type CivilDate } from "@/common/dates";
import { TableScroll } from "../table-scroll";
import { DayCell } from "./day-cell";
import { weekdayShort } from "./day-labels";
import type { Change, Day, PlanningActivity } from "./use-planning-changes";

/** What each layout needs to draw and toggle a day. */
export interface DaysProps {
  activity: PlanningActivity;
  pendingFor: (activityId: string, date: CivilDate) => Change | undefined;
  canToggle: (day: Day) => boolean;
  onToggle: (activity: PlanningActivity, day: Day, waitlist?: boolean) => void;
  timeZone: string;
}

/** Month or fortnight: a calendar grid, Monday first; Saturday and Sunday only when some activity runs then. */
export function MonthGrid({ activity, pendingFor, canToggle, onToggle, timeZone, columns, monthStart }: DaysProps & { columns: number[]; monthStart: CivilDate }) {
  const weeks = groupWeeks(activity.days.filter((d) => d.runs));
  return (
    <TableScroll label={`${activity.name} : jours ${ofMonth(formatMonth(monthStart.slice(0, 7)))}`}>
      <table className="w-full table-fixed border-separate border-spacing-0.5 text-sm sm:border-spacing-1">
        <caption className="sr-only">
          {activity.name} : jours {ofMonth(formatMonth(monthStart.slice(0, 7)))}
        </caption>
        <thead>
          <tr>
            {columns.map((w) => (
              <th key={w} scope="col" className="py-1 text-xs font-medium uppercase text-slate-600">
                {weekdayShort[w - 1]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]!.date}>
              {columns.map((w) => {
                const day = week.find((d) => isoWeekday(d.date) === w);
                return (
                  <td key={w} className="align-top">
                    {day && day.runs ? (
                      <DayCell day={day} activity={activity} pending={pendingFor(activity.id, day.date)} enabled={canToggle(day)} onToggle={onToggle} timeZone={timeZone} />
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** A week: one line per day the activity runs, wide buttons (the phone's default). */
export function WeekList({ activity, pendingFor, canToggle, onToggle, timeZone }: DaysProps) {
  return (
    <ul className="divide-y divide-slate-100">
      {activity.days
        .filter((d) => d.runs)
        .map((day) => (
          <li key={day.date} className="flex items-center justify-between gap-3 py-2">
            <span className="text-sm font-medium first-letter:uppercase">{formatDayLong(day.date)}</span>
            <DayCell day={day} activity={activity} pending={pendingFor(activity.id, day.date)} enabled={canToggle(day)} onToggle={onToggle} timeZone={timeZone} wide />
          </li>
        ))}
      {activity.days.every((d) => !d.runs) ? <li className="py-2 text-sm text-slate-600">Pas d&apos;accueil cette semaine.</li> : null}
    </ul>
  );
}

export function groupWeeks(days: Day[]): Day[][] {
  const weeks: Day[][] = [];
  for (const day of days) {
    const last = weeks.at(-1);
    if (last && isoWeekday(day.date) > isoWeekday(last.at(-1)!.date)) last.push(day);
    else weeks.push([day]);
  }
  return weeks;
}

import { z } from "zod";

const time = z.string().max(5).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "heure au format HH:MM");
const weekday = z.number().int().min(1).max(7);

/**
 * How long before a day booking (or cancelling) stays open. Stored as JSON on the activity and
 * edited in plain French by the admin UI (see describeRule).
 */
export const deadlineRuleSchema = z.discriminatedUnion("kind", [
  /** N days before the day at HH:MM; "open" counts only days not excluded. */
  z.object({
    kind: z.literal("days_before"),
    days: z.number().int().min(0).max(120),
    time,
    counting: z.enum(["all", "open"]).default("all"),
    /** With counting "open": weekdays that do not count (default Saturday and Sunday). */
    excludedWeekdays: z.array(weekday).max(7).default([6, 7]),
    /** With counting "open": public holidays do not count either. */
    excludePublicHolidays: z.boolean().default(true),
  }),
  /** The last given weekday strictly before the day, at HH:MM ("le jeudi précédent à 12h00"). */
  z.object({ kind: z.literal("previous_weekday"), weekday, time }),
  /** The given weekday of the calendar week (Monday–Sunday) before the day's week. */
  z.object({ kind: z.literal("weekday_of_previous_week"), weekday, time }),
  /** Day n of the month before the day's month, clamped to that month's last day. */
  z.object({ kind: z.literal("day_of_previous_month"), day: z.number().int().min(1).max(31), time }),
  /** Cancelling only: parents cannot cancel online at all (they report an absence instead). */
  z.object({ kind: z.literal("none") }),
]);

export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;

import { formatInstant } from "@/common/dates";
import { messages } from "@/common/messages";
import type { DayState } from "./availability";

const reasons = messages.booking.reasons;

/** The French sentence that explains why a day is disabled. */
export function reasonText(state: Pick<DayState, "reason" | "detail">, extra?: { opensAt?: Date | null; deadline?: Date; timeZone?: string }): string {
  if (!state.reason) return "";
  const tz = extra?.timeZone;
  if (state.reason === "not_open" && extra?.opensAt) return `Ouverture des réservations le ${formatInstant(extra.opensAt, tz)}`;
  if (state.reason === "past_deadline" && extra?.deadline) return `Délai dépassé (jusqu'au ${formatInstant(extra.deadline, tz)})`;
  return state.detail ? `${reasons[state.reason]} : ${state.detail}` : reasons[state.reason];
}

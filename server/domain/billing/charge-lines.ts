import { messages } from "@/common/messages";
import { splitMeal, type LineInput } from "./pricing";

export type LineKind = "service" | "meal" | "regularisation" | "surcharge" | "penalty";

/** Units of one activity billed alike (same price, reduction, share of the price), before the food split. */
export interface Charge extends LineInput {
  kind: Exclude<LineKind, "meal">;
  activityName: string;
  /** Food part of one unit (the tariff's `mealCents`). */
  mealCents: number;
  /** The line's label around its activity text ("Cantine — repas, réduction fratrie −10 %"). */
  label: (activity: string) => string;
}

export interface ChargeLine {
  kind: LineKind;
  label: string;
  unitPriceCents: number;
  amountCents: number;
}

const L = messages.billing.lines;

/**
 * The invoice lines of a charge, for a basket or a run alike: supervision and food apart wherever
 * the activity has a food part (the childcare tax credit excludes food), each rounded once.
 */
export function chargeLines(charge: Charge): ChargeLine[] {
  const { activityName, percentOff = 0 } = charge;
  return splitMeal({ mealCents: charge.mealCents }, charge).map((part) => {
    const text = part.part === "whole" ? activityName : part.part === "meal" ? L.meal(activityName) : L.serviceExclMeal(activityName);
    return {
      kind: part.part === "meal" ? "meal" : charge.kind,
      label: charge.label(percentOff ? L.reduced(text, percentOff) : text),
      unitPriceCents: part.unitCents,
      amountCents: part.amountCents,
    };
  });
}

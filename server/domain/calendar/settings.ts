import type { TenantRef } from "@/server/domain/scope";
import { isDatasetZone, officialDataEnd } from "./official-holidays";
import { PUBLIC_HOLIDAY_REGIONS } from "./public-holidays";

/** The commune's zone and public-holiday region, and how far the shipped dataset goes. */
export function calendarSettings(tenant: TenantRef) {
  return {
    holidayZone: tenant.holidayZone,
    publicHolidayRegion: tenant.publicHolidayRegion,
    regionLabel: (PUBLIC_HOLIDAY_REGIONS as Record<string, string>)[tenant.publicHolidayRegion] ?? tenant.publicHolidayRegion,
    regions: Object.entries(PUBLIC_HOLIDAY_REGIONS).map(([value, text]) => ({ value, label: text })),
    timeZone: tenant.timeZone,
    /** The shipped dataset knows this zone (A, B or C)… */
    datasetZone: isDatasetZone(tenant.holidayZone),
    /** …up to this day. */
    officialDataEnd: officialDataEnd(),
  };
}

import { z } from "zod";
import { isPublicHolidayRegion } from "@/server/domain/calendar/public-holidays";
import { contactInput } from "@/server/domain/tenants/commune-settings";
import { slugSchema } from "@/server/domain/tenants/slug";
import { messages } from "@/common/messages";
import { createTenant, listTenants, setTenantStatus } from "@/server/domain/tenants/tenants";
import { addTenantAdmin, replaceTenantAdmin, tenantUsage, updateTenantSettings } from "@/server/domain/tenants/operator";
import { now as clockNow } from "@/common/clock";
import { operatorProcedure, router } from "@/server/trpc";

export const HOLIDAY_ZONES = ["A", "B", "C", "Corse", "Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"] as const;

const timeZone = z.string().max(64).refine((tz) => Intl.supportedValuesOf("timeZone").includes(tz) || tz === "UTC", "fuseau inconnu");
const newAdmin = z.object({ tenantId: z.uuid(), email: z.email().max(254), name: z.string().trim().min(2).max(120) });

export const platformRouter = router({
  tenants: operatorProcedure.query(() => listTenants()),

  createTenant: operatorProcedure
    .input(
      z.object({
        name: z.string().trim().min(2).max(120),
        slug: slugSchema,
        holidayZone: z.enum(HOLIDAY_ZONES),
        timeZone,
        publicHolidayRegion: z.string().max(20).refine(isPublicHolidayRegion, messages.calendar.regionUnknown).default("FR"),
        billingMode: z.enum(["prepaid", "invoice"]),
        adminEmail: z.email().max(254),
        adminName: z.string().trim().min(2).max(120),
      })
      // The town hall's contact details for its invoices: optional now, the admin completes them later.
      .extend(contactInput.shape),
    )
    .mutation(({ input }) => {
      const { addressLine, postalCode, city, phone, email, siret, dpoContact, ...tenant } = input;
      return createTenant({ ...tenant, contact: { addressLine, postalCode, city, phone, email, siret, dpoContact } });
    }),

  setStatus: operatorProcedure
    .input(z.object({ tenantId: z.uuid(), status: z.enum(["active", "suspended"]) }))
    .mutation(({ input }) => setTenantStatus(input.tenantId, input.status)),

  /** One commune for the operator: its settings, admins and usage (families, this month's bookings, invoices, payments). */
  tenant: operatorProcedure.input(z.object({ tenantId: z.uuid() })).query(({ input }) => tenantUsage(input, clockNow())),

  updateTenant: operatorProcedure
    .input(z.object({ tenantId: z.uuid(), name: z.string().trim().min(2).max(120), holidayZone: z.enum(HOLIDAY_ZONES), timeZone }))
    .mutation(({ input }) => updateTenantSettings(input)),

  /** Another admin for the commune, invited by e-mail. */
  addAdmin: operatorProcedure.input(newAdmin).mutation(({ ctx, input }) => addTenantAdmin(ctx.user.id, input)),

  /** The new admin is invited, the former one leaves the commune's team. */
  replaceAdmin: operatorProcedure
    .input(newAdmin.extend({ formerUserId: z.uuid() }))
    .mutation(({ ctx, input }) => replaceTenantAdmin(ctx.user.id, input)),
});

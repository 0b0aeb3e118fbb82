import { sql } from "drizzle-orm";
import { boolean, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { Criteria } from "@/common/allocation";
import { allocationModes, roundStatuses } from "@/common/allocation";
import { tenantIdColumn, tenantPolicy } from "./_tenant";
import { users } from "./platform";
import { children, households } from "./family";
import { activities } from "./reservations";

/**
 * How the places of an activity over a period are given (issue #15): first come, first served
 * (with an optional earlier opening for residents), or an application window followed by a
 * seeded, reproducible allocation that staff review, adjust with a reason and publish.
 */
export const allocationRounds = pgTable(
  "allocation_rounds",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    /** The round's first activity (the one an old choice without `activityId` names). */
    activityId: uuid("activity_id").notNull(),
    /**
     * Every activity the round covers, the first being `activityId`: one service at one or more sites
     * (the summer centre at two sites), so a family ranks « site A, week 1 » against « site B, week 1 ».
     */
    activityIds: uuid("activity_ids").array().notNull().default(sql`'{}'::uuid[]`),
    label: text("label").notNull(),
    mode: text("mode", { enum: allocationModes }).notNull(),
    fromDate: date("from_date", { mode: "string" }).notNull(),
    toDate: date("to_date", { mode: "string" }).notNull(),
    /** Applications (or, first come, bookings) open at this instant for everyone… */
    opensAt: timestamp("opens_at", { withTimezone: true }).notNull(),
    /** …and this earlier one for residents (null: no early opening). */
    residentsOpensAt: timestamp("residents_opens_at", { withTimezone: true }),
    /** Applications close (application mode). */
    closesAt: timestamp("closes_at", { withTimezone: true }).notNull(),
    criteria: jsonb("criteria").$type<Criteria>().notNull(),
    status: text("status", { enum: roundStatuses }).notNull().default("draft"),
    /** Drawn (crypto random) when the window closes, never before; published with the result. */
    seed: text("seed"),
    seedDrawnAt: timestamp("seed_drawn_at", { withTimezone: true }),
    /**
     * The places left per activity and day when the allocation ran (`{ "<activityId>|2027-07-05": 12 }`,
     * null = unlimited): an input of the re-run. Rounds run before several activities keyed it by day
     * alone (`{ "2027-07-05": 12 }`): those days are the round's first activity's.
     */
    capacity: jsonb("capacity").$type<Record<string, number | null>>(),
    allocatedAt: timestamp("allocated_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid("created_by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("allocation_rounds_activity").on(t.tenantId, t.activityId, t.fromDate),
    foreignKey({ columns: [t.tenantId, t.activityId], foreignColumns: [activities.tenantId, activities.id] }),
    foreignKey({ columns: [t.createdBy], foreignColumns: [users.id] }),
    tenantPolicy("allocation_rounds"),
  ],
);

/** One child's application in a round, with its ranked choices; the family changes it until the window closes. */
export const allocationApplications = pgTable(
  "allocation_applications",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    roundId: uuid("round_id").notNull(),
    childId: uuid("child_id").notNull(),
    householdId: uuid("household_id").notNull(),
    /** Ranked: `[{ activityId, days: [...] }, …]`, the first preferred; a choice without `activityId` (older ones) names the round's first activity. */
    choices: jsonb("choices").$type<{ activityId?: string; days: string[] }[]>().notNull(),
    parentsWorking: boolean("parents_working").notNull().default(false),
    keepSiblingsTogether: boolean("keep_siblings_together").notNull().default(false),
    /** The social criterion, set by staff only. */
    socialPriority: boolean("social_priority").notNull().default(false),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    submittedBy: uuid("submitted_by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("allocation_applications_child").on(t.tenantId, t.roundId, t.childId),
    foreignKey({ columns: [t.tenantId, t.roundId], foreignColumns: [allocationRounds.tenantId, allocationRounds.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.childId], foreignColumns: [children.tenantId, children.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.householdId], foreignColumns: [households.tenantId, households.id] }),
    foreignKey({ columns: [t.submittedBy], foreignColumns: [users.id] }),
    tenantPolicy("allocation_applications"),
  ],
);

/** The allocation's verdict for one application: its rank, the points that made it, a place or a waiting rank. */
export const allocationResults = pgTable(
  "allocation_results",
  {
    tenantId: tenantIdColumn(),
    roundId: uuid("round_id").notNull(),
    applicationId: uuid("application_id").notNull(),
    rank: integer("rank").notNull(),
    points: integer("points").notNull(),
    /** Points (or values, in priority mode) per criterion, and the lottery draw. */
    breakdown: jsonb("breakdown").$type<Record<string, number>>().notNull(),
    lottery: text("lottery").notNull(),
    /** The criterion values the run read (résident, jours obtenus…): with the seed, what re-runs it. */
    criterionValues: jsonb("criterion_values").$type<Record<string, number | boolean>>().notNull(),
    /** Index of the choice placed on; null: waiting list. */
    placedChoice: smallint("placed_choice"),
    waitingRank: integer("waiting_rank"),
    /** Staff moved it by hand (see allocation_adjustments). */
    adjusted: boolean("adjusted").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.roundId, t.applicationId] }),
    foreignKey({ columns: [t.tenantId, t.roundId], foreignColumns: [allocationRounds.tenantId, allocationRounds.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.applicationId], foreignColumns: [allocationApplications.tenantId, allocationApplications.id] }).onDelete("cascade"),
    tenantPolicy("allocation_results"),
  ],
);

/** A place moved by staff after the run, with the reason (also in the audit log). */
export const allocationAdjustments = pgTable(
  "allocation_adjustments",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().defaultRandom(),
    roundId: uuid("round_id").notNull(),
    applicationId: uuid("application_id").notNull(),
    fromChoice: smallint("from_choice"),
    toChoice: smallint("to_choice"),
    reason: text("reason").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    by: uuid("by"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.roundId], foreignColumns: [allocationRounds.tenantId, allocationRounds.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.tenantId, t.applicationId], foreignColumns: [allocationApplications.tenantId, allocationApplications.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.by], foreignColumns: [users.id] }),
    tenantPolicy("allocation_adjustments"),
  ],
);

import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { rowsOf } from "@/db/client";
import { billedBookings, bookings, children } from "@/db/schema";
import type { CivilDate } from "@/common/dates";
import { isLive } from "./places";

/** One child of a family booked on a day, as its sibling rank sees it. */
export interface Sibling {
  childId: string;
  birthDate: CivilDate;
  /** The live booking's id; undefined while it is being written by this request. */
  bookingId?: string;
  rank: number | null;
  pricingLabel: string | null;
  /** Billed (paid, or on an invoice): its snapshot, rank included, never changes again. */
  fixed: boolean;
}

/**
 * Ranks by age: the eldest child booked that day is rank 1, the next 2, and so on, whatever order
 * the days were ticked in. A fixed (billed) booking keeps its rank; the others take the ranks left,
 * eldest first (ties by id, so the answer never depends on the order of the list).
 */
export function ranksByAge(siblings: Sibling[]): Map<string, number> {
  const kept = new Set(siblings.filter((s) => s.fixed && s.rank !== null).map((s) => s.rank!));
  const placed = siblings
    .filter((s) => !(s.fixed && s.rank !== null))
    .sort((a, b) => a.birthDate.localeCompare(b.birthDate) || a.childId.localeCompare(b.childId));
  const ranks = new Map<string, number>(siblings.filter((s) => s.fixed && s.rank !== null).map((s) => [s.childId, s.rank!]));
  let rank = 1;
  for (const s of placed) {
    while (kept.has(rank)) rank++;
    ranks.set(s.childId, rank++);
  }
  return ranks;
}

/** A sibling's booking whose rank moved because a brother or sister joined or left the day. */
export interface Moved {
  childId: string;
  /** Undefined: written by this request and not flushed yet. */
  bookingId: string | undefined;
  rank: number;
  pricingLabel: string | null;
}

interface Day {
  activityId: string;
  date: CivilDate;
}

/**
 * The families of the children of a request on its locked days: read once, when a day first needs
 * a rank, then kept up to date with what the request books and cancels. Call it under the days' locks.
 */
export class SiblingRanks {
  private families: Map<string, Map<string, Sibling>> | null = null;

  constructor(
    private readonly tx: Tx,
    private readonly tenantId: string,
    private readonly days: (Day & { childId: string })[],
    private readonly now: Date,
  ) {}

  /** Puts the child in its family's day; returns its rank and the siblings it moved. */
  async join(day: Day, householdId: string, child: { childId: string; birthDate: CivilDate }): Promise<{ rank: number; moved: Moved[] }> {
    const family = await this.family(day, householdId);
    family.set(child.childId, { ...child, rank: null, pricingLabel: null, fixed: false });
    const moved = this.rerank(family);
    return { rank: family.get(child.childId)!.rank!, moved: moved.filter((m) => m.childId !== child.childId) };
  }

  /** Takes the child out of its family's day (just cancelled); returns the siblings it moved. */
  async leave(day: Day, householdId: string, childId: string): Promise<Moved[]> {
    const family = await this.family(day, householdId);
    // First read after the cancellation, the family may already lack the child: rank it all the same.
    family.delete(childId);
    return this.rerank(family);
  }

  /** The booking id (and label) the request just wrote for a child, once it is known. */
  written(day: Day, householdId: string, childId: string, bookingId: string, pricingLabel: string | null) {
    const sibling = this.families?.get(keyOf(day, householdId))?.get(childId);
    if (sibling) Object.assign(sibling, { bookingId, pricingLabel });
  }

  private rerank(family: Map<string, Sibling>): Moved[] {
    const moved: Moved[] = [];
    for (const [childId, rank] of ranksByAge([...family.values()])) {
      const sibling = family.get(childId)!;
      if (sibling.rank === rank) continue;
      if (!sibling.fixed) moved.push({ childId, bookingId: sibling.bookingId, rank, pricingLabel: sibling.pricingLabel });
      sibling.rank = rank;
    }
    return moved;
  }

  private async family(day: Day, householdId: string): Promise<Map<string, Sibling>> {
    this.families ??= await this.load();
    const key = keyOf(day, householdId);
    if (!this.families.has(key)) this.families.set(key, new Map());
    return this.families.get(key)!;
  }

  /** Every live booking of the request's households on its days, with the child's birth date and whether it is billed. */
  private async load() {
    const rows = rowsOf<{ activity_id: string; date: string; household_id: string; child_id: string; birth_date: string; booking_id: string; sibling_rank: number | null; pricing_label: string | null; billed: boolean }>(
      await this.tx.execute(sql`select b.activity_id::text as activity_id, b.date::text as date, c.household_id::text as household_id,
          b.child_id::text as child_id, c.birth_date::text as birth_date, b.id::text as booking_id, b.sibling_rank, b.pricing_label,
          exists (select 1 from ${billedBookings} bb where bb.tenant_id = b.tenant_id and bb.booking_id = b.id and bb.kind = 'charge') as billed
        from ${bookings} b join ${children} c on c.tenant_id = b.tenant_id and c.id = b.child_id
        where b.tenant_id = ${this.tenantId}
          and (b.activity_id, b.date) in (${sql.join(this.days.map((d) => sql`(${d.activityId}::uuid, ${d.date}::date)`), sql`, `)})
          and c.household_id in (select household_id from ${children} where tenant_id = ${this.tenantId}
            and id in (${sql.join(this.days.map((d) => sql`${d.childId}::uuid`), sql`, `)}))
          and ${isLive(this.now, "b")}`),
    );
    const families = new Map<string, Map<string, Sibling>>();
    for (const r of rows) {
      const key = keyOf({ activityId: r.activity_id, date: r.date }, r.household_id);
      if (!families.has(key)) families.set(key, new Map());
      families.get(key)!.set(r.child_id, { childId: r.child_id, birthDate: r.birth_date, bookingId: r.booking_id, rank: r.sibling_rank, pricingLabel: r.pricing_label, fixed: r.billed });
    }
    return families;
  }
}

const keyOf = (day: Day, householdId: string) => `${day.activityId}|${day.date}|${householdId}`;

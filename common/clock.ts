/**
 * The current instant for business rules (deadlines, openings, holds). RECRE_NOW pins it for
 * demos and browser tests, so journeys written against the demo dates keep working; it is
 * refused in production by config/env.ts.
 */
export function now(): Date {
  const pinned = process.env.RECRE_NOW;
  return pinned ? new Date(pinned) : new Date();
}

/**
 * Where a signed-in user lands when no page asked for the sign-in: a member of one commune's staff
 * with no family file of their own opens that commune's staff space (a site agent is sent on to the
 * day's lists by it), an operator with neither opens the platform console, everyone else "Mon compte"
 * (families, several communes, or nothing yet to open).
 */
export function landingPath({
  families,
  staff,
  isOperator,
}: {
  families: readonly unknown[];
  staff: readonly { tenantSlug: string }[];
  isOperator: boolean;
}): string {
  if (families.length) return "/compte";
  const communes = [...new Set(staff.map((s) => s.tenantSlug))];
  if (communes.length === 1 && !isOperator) return `/${communes[0]}/admin`;
  if (communes.length === 0 && isOperator) return "/plateforme";
  return "/compte";
}

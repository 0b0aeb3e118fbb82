import { randomUUID } from "node:crypto";
import { Button } from "@/app/_components/ui";

/**
 * The demonstration provider's answer: a plain form posted to the notification route, as a card
 * provider's webhook would be, with the signed fields of the page's URL. One event id per page and
 * answer, so a double click is one notification.
 */
export function DemoButtons({ signed }: { signed: { ref: string; montant: string; exp: string; sig: string } }) {
  return (
    <form method="post" action="/api/paiements/demo" className="flex flex-col gap-2 sm:flex-row">
      {Object.entries(signed).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="event" value={randomUUID()} />
      <Button type="submit" name="outcome" value="paid">
        Payer (paiement accepté)
      </Button>
      <Button type="submit" variant="danger" name="outcome" value="failed">
        Refuser le paiement
      </Button>
    </form>
  );
}

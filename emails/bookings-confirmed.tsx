import { Button, Link, Section, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

export interface BookingSummaryLine {
  /** « lundi 7 décembre » */
  dayLabel: string;
  childName: string;
  activityName: string;
  /** « réservé », « annulé », « en liste d'attente », « dans votre panier, à payer avant le … » */
  result: string;
  /** « 3,90 € », or null without a price. */
  amount: string | null;
}

/**
 * One summary per validation of the planning: every day booked, waitlisted or cancelled at once.
 * `basketTotal`: days staff put in the family's basket (places given by an allocation, prepaid), to pay
 * before the time their lines give; they are not booked until paid.
 */
export default function BookingsConfirmedEmail(props: { communeName: string; lines: BookingSummaryLine[]; total: string | null; basketTotal?: string | null; url: string; preferencesUrl: string }) {
  const inBasket = props.lines.filter((l) => l.result.startsWith("dans votre panier")).length;
  const cancelled = props.lines.filter((l) => l.result === "annulé").length;
  const booked = props.lines.length - cancelled - inBasket;
  const plural = (n: number) => (n > 1 ? "s" : "");
  const preview = [
    booked ? `${booked} jour${plural(booked)} réservé${plural(booked)}` : "",
    inBasket ? `${inBasket} jour${plural(inBasket)} dans votre panier` : "",
    cancelled ? `${cancelled} annulé${plural(cancelled)}` : "",
  ]
    .filter(Boolean)
    .join(", ");
  return (
    <EmailLayout preview={`${props.communeName} : ${preview}`}>
      <Text>Bonjour,</Text>
      <Text>Voici ce que la commune de {props.communeName} a enregistré à l&apos;instant :</Text>
      <Section>
        {props.lines.map((l, i) => (
          <Text key={i} style={{ margin: "2px 0" }}>
            {l.dayLabel} — {l.childName}, {l.activityName} : {l.result}
            {l.amount ? ` (${l.amount})` : ""}
          </Text>
        ))}
      </Section>
      {props.total ? <Text>Total des jours réservés : {props.total}</Text> : null}
      {props.basketTotal ? (
        <Text>
          Total à payer dans votre panier : {props.basketTotal}. Ces jours ne sont réservés qu&apos;une fois payés ; passé le délai indiqué, la place revient à la
          famille suivante.
        </Text>
      ) : null}
      <Button href={props.url} style={buttonStyle}>
        {props.basketTotal ? "Payer mon panier" : "Voir mon planning"}
      </Button>
      <Text style={{ fontSize: "12px", color: "#475569" }}>
        Vous ne souhaitez plus recevoir ces confirmations ? <Link href={props.preferencesUrl}>Changez vos préférences</Link>.
      </Text>
    </EmailLayout>
  );
}

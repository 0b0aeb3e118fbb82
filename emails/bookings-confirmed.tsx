import { Button, Link, Section, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

export interface BookingSummaryLine {
  /** « lundi 7 décembre » */
  dayLabel: string;
  childName: string;
  activityName: string;
  /** « réservé », « annulé », « en liste d'attente » */
  result: string;
  /** « 3,90 € », or null without a price. */
  amount: string | null;
}

/** One summary per validation of the planning: every day booked, waitlisted or cancelled at once. */
export default function BookingsConfirmedEmail(props: { communeName: string; lines: BookingSummaryLine[]; total: string | null; url: string; preferencesUrl: string }) {
  const booked = props.lines.filter((l) => l.result !== "annulé").length;
  const cancelled = props.lines.length - booked;
  const preview = [booked ? `${booked} jour${booked > 1 ? "s" : ""} réservé${booked > 1 ? "s" : ""}` : "", cancelled ? `${cancelled} annulé${cancelled > 1 ? "s" : ""}` : ""]
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
      <Button href={props.url} style={buttonStyle}>
        Voir mon planning
      </Button>
      <Text style={{ fontSize: "12px", color: "#475569" }}>
        Vous ne souhaitez plus recevoir ces confirmations ? <Link href={props.preferencesUrl}>Changez vos préférences</Link>.
      </Text>
    </EmailLayout>
  );
}

import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./email-layout";

/**
 * A short notice that something waits on the portal (a request's new step, a message): what happened
 * in one sentence and a link. Deliberately not the message itself: it is read after signing in.
 */
export default function PortalNoticeEmail(props: { subject: string; text: string; url: string; button: string }) {
  return (
    <EmailLayout preview={props.text}>
      <Text>Bonjour,</Text>
      <Text>{props.text}</Text>
      <Button href={props.url} style={buttonStyle}>
        {props.button}
      </Button>
    </EmailLayout>
  );
}

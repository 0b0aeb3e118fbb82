import { Alert } from "./ui";

/** The success message or the refusal no single field carries, above a form. */
export function FormAlerts({ success, formError }: { success: string | null; formError: string | undefined }) {
  return (
    <>
      {success ? <Alert tone="success">{success}</Alert> : null}
      {formError ? <Alert tone="error">{formError}</Alert> : null}
    </>
  );
}

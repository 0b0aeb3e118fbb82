-- The tenant role reads a few columns of users only (0002): it needs the booking e-mails preference to pick recipients.
GRANT SELECT ("booking_emails") ON "users" TO recre_app;

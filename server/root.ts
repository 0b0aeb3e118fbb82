import { activitiesRouter } from "./routers/activities";
import { authRouter } from "./routers/auth";
import { calendarRouter } from "./routers/calendar";
import { communeRouter } from "./routers/commune";
import { devRouter } from "./routers/dev";
import { familyRouter } from "./routers/family";
import { platformRouter } from "./routers/platform";
import { reservationsRouter } from "./routers/reservations";
import { absencesRouter } from "./routers/absences";
import { attendanceRouter } from "./routers/attendance";
import { calendarFeedRouter } from "./routers/calendar-feed";
import { invoicesRouter } from "./routers/invoices";
import { legalRouter } from "./routers/legal";
import { bookingsOnBehalfRouter } from "./routers/bookings-on-behalf";
import { dashboardRouter } from "./routers/dashboard";
import { enrolmentsRouter } from "./routers/enrolments";
import { householdsRouter } from "./routers/households";
import { quotientsRouter } from "./routers/quotients";
import { tariffsRouter } from "./routers/tariffs";
import { basketRouter } from "./routers/basket";
import { paymentsRouter } from "./routers/payments";
import { signupRouter } from "./routers/signup";
import { teamRouter } from "./routers/team";
import { familyCreationRouter } from "./routers/family-creation";
import { homeRouter } from "./routers/home";
import { rgpdRouter } from "./routers/rgpd";
import { familyFileRouter, familyFilesRouter } from "./routers/family-file";
import { requestsRouter } from "./routers/requests";
import { messagesRouter } from "./routers/messages";
import { publicationsRouter } from "./routers/publications";
import { collectionRouter } from "./routers/collection";
import { preregistrationRouter } from "./routers/preregistration";
import { allocationRouter } from "./routers/allocation";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  commune: communeRouter,
  dev: devRouter,
  family: familyRouter,
  dashboard: dashboardRouter,
  households: householdsRouter,
  enrolments: enrolmentsRouter,
  bookingsOnBehalf: bookingsOnBehalfRouter,
  platform: platformRouter,
  calendar: calendarRouter,
  reservations: reservationsRouter,
  activities: activitiesRouter,
  attendance: attendanceRouter,
  calendarFeed: calendarFeedRouter,
  absences: absencesRouter,
  basket: basketRouter,
  payments: paymentsRouter,
  invoices: invoicesRouter,
  tariffs: tariffsRouter,
  quotients: quotientsRouter,
  signup: signupRouter,
  team: teamRouter,
  familyCreation: familyCreationRouter,
  familyFile: familyFileRouter,
  familyFiles: familyFilesRouter,
  preregistration: preregistrationRouter,
  legal: legalRouter,
  requests: requestsRouter,
  messages: messagesRouter,
  publications: publicationsRouter,
  collection: collectionRouter,
  home: homeRouter,
  rgpd: rgpdRouter,
  allocation: allocationRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);

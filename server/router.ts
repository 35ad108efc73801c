import { agencyRouter } from "./routers/agency.ts";
import { auditRouter } from "./routers/audit.ts";
import { authRouter } from "./routers/auth.ts";
import { calendarRouter } from "./routers/calendar.ts";
import { commentRouter } from "./routers/comment.ts";
import { directiveRouter } from "./routers/directive.ts";
import { exportRouter } from "./routers/export.ts";
import { extensionRouter } from "./routers/extension.ts";
import { inboxRouter } from "./routers/inbox.ts";
import { notificationRouter } from "./routers/notification.ts";
import { outboxRouter } from "./routers/outbox.ts";
import { reportRouter } from "./routers/report.ts";
import { statisticRouter } from "./routers/statistic.ts";
import { taskRouter } from "./routers/task.ts";
import { urgeRouter } from "./routers/urge.ts";
import { userRouter } from "./routers/user.ts";
import { router } from "./trpc.ts";

export const appRouter = router({
  auth: authRouter,
  inbox: inboxRouter,
  agency: agencyRouter,
  directive: directiveRouter,
  task: taskRouter,
  report: reportRouter,
  extension: extensionRouter,
  comment: commentRouter,
  user: userRouter,
  audit: auditRouter,
  statistic: statisticRouter,
  export: exportRouter,
  calendar: calendarRouter,
  urge: urgeRouter,
  notification: notificationRouter,
  outbox: outboxRouter,
});

/** The only thing the browser imports from the server: the router's type. */
export type AppRouter = typeof appRouter;

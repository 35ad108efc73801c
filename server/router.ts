import { agencyRouter } from "./routers/agency.ts";
import { authRouter } from "./routers/auth.ts";
import { directiveRouter } from "./routers/directive.ts";
import { taskRouter } from "./routers/task.ts";
import { userRouter } from "./routers/user.ts";
import { router } from "./trpc.ts";

export const appRouter = router({
  auth: authRouter,
  agency: agencyRouter,
  directive: directiveRouter,
  task: taskRouter,
  user: userRouter,
});

/** The only thing the browser imports from the server: the router's type. */
export type AppRouter = typeof appRouter;

import { createContext, type ReactNode, use } from "react";
import type { IsoDate } from "../../shared/date.ts";
import type { CurrentUser } from "../trpc.ts";

const CurrentUserContext = createContext<CurrentUser | null>(null);

/** Gives the pages under it the signed-in user (auth/require-auth.tsx provides it). */
export function CurrentUserProvider({
  user,
  children,
}: {
  user: CurrentUser;
  children: ReactNode;
}) {
  return <CurrentUserContext value={user}>{children}</CurrentUserContext>;
}

/** The signed-in user; only under <CurrentUserProvider>. */
export function useCurrentUser(): CurrentUser {
  const user = use(CurrentUserContext);
  if (!user) throw new Error("useCurrentUser outside <CurrentUserProvider>");
  return user;
}

/**
 * Today in Vietnam by the server's clock (it comes with auth.me), so that the browser decides
 * dates as the server does, whatever the computer's clock or time zone says.
 */
export function useToday(): IsoDate {
  return useCurrentUser().today;
}

import { type ReactNode, Suspense } from "react";
import { useNearScreen } from "./near-screen.tsx";

/**
 * Where a form whose code loads on demand (`React.lazy`) goes: react-hook-form, zod and the date
 * picker come with the form, not with the page. The form is mounted, and its code fetched, once
 * it nears the screen (`useNearScreen`): a form lower on a long page loads as the reader scrolls
 * towards it, and a visit that only reads does not download it (on a slow link, about 100 KB). A
 * form the reader may come to but did not open the page for (`whenReached`: a task's comments,
 * its notes) waits until its place is on the screen, or until the reader begins to scroll, and
 * then loads a screen ahead: a visit that reads the top of a task does not download it even when
 * the task is short. Meanwhile the place is kept at about the form's height, so that what follows
 * does not move when the form appears.
 */
export function FormSlot({
  minHeight,
  whenReached = false,
  children,
}: {
  minHeight: number;
  whenReached?: boolean;
  children: ReactNode;
}) {
  const { place, near } = useNearScreen(whenReached);
  if (!near) return <div ref={place} style={{ minHeight }} />;
  return <Suspense fallback={<div style={{ minHeight }} />}>{children}</Suspense>;
}

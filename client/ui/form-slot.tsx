import { type ReactNode, Suspense } from "react";

/**
 * Where a form whose code loads on demand (`React.lazy`) goes: react-hook-form, zod and the date
 * picker come with the form, not with the page. While the code arrives, the place is kept at
 * about the form's height, so that what follows does not move when the form appears.
 */
export function FormSlot({ minHeight, children }: { minHeight: number; children: ReactNode }) {
  return <Suspense fallback={<div style={{ minHeight }} />}>{children}</Suspense>;
}

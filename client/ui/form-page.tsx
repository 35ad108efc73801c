import { Stack, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Crumbs } from "./crumbs.tsx";
import { PageTitle } from "./page-title.tsx";

/**
 * A page that holds one form (a new directive, a task edited): where it sits, its heading with
 * what it is about (`intro`), then the form.
 */
export function FormPage({
  title,
  documentTitle = title,
  crumbs,
  intro,
  children,
}: {
  title: string;
  /** The browser tab's title, when it says more than the heading. */
  documentTitle?: string;
  crumbs: readonly { label: string; to?: string }[];
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Stack gap="md" maw={900}>
      <PageTitle title={documentTitle} />
      <Crumbs items={crumbs} />
      {intro ? (
        <Stack gap={4}>
          <Title order={1}>{title}</Title>
          {intro}
        </Stack>
      ) : (
        <Title order={1}>{title}</Title>
      )}
      {children}
    </Stack>
  );
}

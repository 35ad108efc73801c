import { EmptyState } from "@mantine/core";
import type { ReactNode } from "react";

/** Nothing to show, with why and what to do next. */
export function EmptyView({
  title,
  description,
  action,
}: {
  title: string;
  description?: string;
  action?: ReactNode;
}) {
  return (
    <EmptyState title={title} description={description} variant="light" my="lg">
      {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
    </EmptyState>
  );
}

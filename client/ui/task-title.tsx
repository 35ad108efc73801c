import { Anchor, Stack, VisuallyHidden } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { KeyTaskBadge } from "../ui/badges.tsx";

/** A task's title as a link to its page, with the key-task badge under it when it is one. */
export function TaskTitle({
  task,
  hiddenPrefix,
}: {
  task: { id: number; title: string; isKey?: boolean | undefined };
  /** Read out before the title by screen readers only (e.g. "Nhiệm vụ được phân giao: "). */
  hiddenPrefix?: ReactNode;
}) {
  return (
    <Stack gap={4}>
      <Anchor component={Link} to={`/tasks/${task.id}`} size="sm">
        {hiddenPrefix && <VisuallyHidden>{hiddenPrefix}</VisuallyHidden>}
        {task.title}
      </Anchor>
      {task.isKey && (
        <div>
          <KeyTaskBadge />
        </div>
      )}
    </Stack>
  );
}

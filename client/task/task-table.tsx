import { Anchor, Table, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { TaskListItem } from "../trpc.ts";
import { StatusBadge, TimelinessBadge } from "../ui/badges.tsx";
import { useFormatters } from "../ui/format.ts";
import { usePhoneLayout } from "../ui/phone-layout.ts";
import { ProgressLabel } from "../ui/progress-label.tsx";
import { TaskTitle } from "../ui/task-title.tsx";
import { TaskCardList } from "./task-card.tsx";

/** A list of tasks: a table on wide screens, cards on phones. `label` names it for screen readers. */
export function TaskTable({ tasks, label }: { tasks: readonly TaskListItem[]; label: string }) {
  const { t } = useTranslation();
  const { deadline } = useFormatters();
  const phone = usePhoneLayout();
  if (phone) return <TaskCardList tasks={tasks} label={label} />;
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Caption>
          <VisuallyHidden>{label}</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("task.directive")}</Table.Th>
            <Table.Th scope="col">{t("task.clause")}</Table.Th>
            <Table.Th scope="col">{t("task.title")}</Table.Th>
            <Table.Th scope="col">{t("task.lead")}</Table.Th>
            <Table.Th scope="col">{t("task.deadline")}</Table.Th>
            <Table.Th scope="col">{t("task.timeliness")}</Table.Th>
            <Table.Th scope="col">{t("task.status")}</Table.Th>
            <Table.Th scope="col">{t("task.progress")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((task) => (
            <Table.Tr key={task.id}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Anchor component={Link} to={`/directives/${task.directiveId}`} size="sm">
                  {task.directiveNumber}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{task.clause}</Table.Td>
              <Table.Td miw={280}>
                <TaskTitle task={task} />
              </Table.Td>
              <Table.Td>{task.leadAgency.shortName}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{deadline(task.deadline)}</Table.Td>
              <Table.Td>
                <TimelinessBadge timeliness={task.timeliness} daysOverdue={task.daysOverdue} />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={task.status} />
              </Table.Td>
              <Table.Td>
                <ProgressLabel value={task.progress} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

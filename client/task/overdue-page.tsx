import {
  Anchor,
  Box,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { AgencySelect } from "../agency/agency-picker.tsx";
import { useTRPC } from "../trpc.ts";
import { KeyTaskBadge } from "../ui/badges.tsx";
import { EmptyView } from "../ui/empty-view.tsx";
import { ErrorView } from "../ui/error-view.tsx";
import { useFormatters } from "../ui/format.ts";
import { LoadingLines } from "../ui/loading.tsx";
import { PageTitle } from "../ui/page-title.tsx";
import { Pager } from "../ui/pager.tsx";
import { intParam, useUrlState } from "../ui/url-state.ts";
import { TaskCardList, usePhoneLayout } from "./task-card.tsx";

const PAGE_SIZE = 50;

/** Every overdue task the user may see, most days overdue first: what leaders read first. */
export function OverduePage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { date, dateTime, number } = useFormatters();
  const { params, update } = useUrlState();
  const phone = usePhoneLayout();
  const directiveId = intParam(params, "directive");
  const leadAgencyId = intParam(params, "lead");
  const keyOnly = params.get("key") === "1";
  const minDaysOverdue = intParam(params, "minDays");
  const page = intParam(params, "page") ?? 1;
  const filtered =
    directiveId !== undefined ||
    leadAgencyId !== undefined ||
    keyOnly ||
    minDaysOverdue !== undefined;

  const directives = useQuery(trpc.directive.list.queryOptions({ pageSize: 100 }));
  const list = useQuery({
    ...trpc.task.list.queryOptions({
      scope: "visible",
      timeliness: ["overdue"],
      sort: "days_overdue",
      directiveId,
      leadAgencyId,
      isKey: keyOnly ? true : undefined,
      minDaysOverdue,
      page,
      pageSize: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });

  return (
    <Stack gap="md">
      <PageTitle title={t("nav.overdue")} />
      <Stack gap={4}>
        <Title order={1}>{t("nav.overdue")}</Title>
        <Text c="dimmed">{t("overdue.intro")}</Text>
      </Stack>

      <search aria-label={t("overdue.filters")}>
        <Group align="flex-end" gap="sm">
          <Select
            label={t("task.directive")}
            placeholder={t("common.all")}
            searchable
            clearable
            data={(directives.data?.items ?? []).map((directive) => ({
              value: String(directive.id),
              label: `${directive.number} — ${directive.title}`,
            }))}
            value={directiveId === undefined ? null : String(directiveId)}
            onChange={(value) => update({ directive: value })}
            w={{ base: "100%", sm: 300 }}
            comboboxProps={{ width: 480, position: "bottom-start" }}
          />
          <Box w={{ base: "100%", sm: 280 }}>
            <AgencySelect
              label={t("task.lead")}
              placeholder={t("common.all")}
              clearable
              value={leadAgencyId}
              onChange={(value) => update({ lead: value })}
            />
          </Box>
          <NumberInput
            label={t("overdue.minDays")}
            min={0}
            max={10_000}
            allowDecimal={false}
            allowNegative={false}
            value={minDaysOverdue ?? ""}
            onChange={(value) => update({ minDays: typeof value === "number" ? value : null })}
            w={170}
          />
          <Checkbox
            label={t("overdue.keyOnly")}
            checked={keyOnly}
            onChange={(event) => update({ key: event.currentTarget.checked ? "1" : null })}
            mb={8}
          />
        </Group>
      </search>

      {list.isPending ? (
        <LoadingLines lines={8} />
      ) : list.isError ? (
        <ErrorView error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        filtered ? (
          <EmptyView
            title={t("overdue.emptyFiltered")}
            description={t("overdue.emptyFilteredHint")}
            action={
              <Button
                variant="default"
                onClick={() => update({ directive: null, lead: null, key: null, minDays: null })}
              >
                {t("common.clearFilters")}
              </Button>
            }
          />
        ) : (
          <EmptyView
            title={t("overdue.empty")}
            description={t("overdue.emptyHint")}
            action={
              <Button component={Link} to="/?timeliness=due_soon" variant="light">
                {t("overdue.seeDueSoon")}
              </Button>
            }
          />
        )
      ) : (
        <div>
          <Text fw={600} mb="xs" role="status">
            {t("overdue.count", { count: list.data.total, total: number(list.data.total) })}
          </Text>
          {phone ? (
            <TaskCardList
              tasks={list.data.items}
              label={t("nav.overdue")}
              extra={(task) => (
                <>
                  {task.coordinators.length > 0 && (
                    <Text size="sm">
                      {t("task.coordinatorsShort")}:{" "}
                      {task.coordinators.map((agency) => agency.shortName).join(", ")}
                    </Text>
                  )}
                  <Text size="sm">
                    {t("task.lastProgress")}:{" "}
                    {task.lastProgressAt === null
                      ? t("overdue.noReport")
                      : `${task.lastProgressNote || t("overdue.noNote")} (${dateTime(task.lastProgressAt)})`}
                  </Text>
                </>
              )}
            />
          ) : (
            <Table.ScrollContainer minWidth={1100}>
              <Table striped highlightOnHover verticalSpacing="sm">
                <Table.Caption>
                  <VisuallyHidden>{t("nav.overdue")}</VisuallyHidden>
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("task.directive")}</Table.Th>
                    <Table.Th scope="col">{t("task.title")}</Table.Th>
                    <Table.Th scope="col">{t("task.lead")}</Table.Th>
                    <Table.Th scope="col">{t("task.coordinators")}</Table.Th>
                    <Table.Th scope="col">{t("task.deadline")}</Table.Th>
                    <Table.Th scope="col" ta="right" miw={90}>
                      {t("task.daysOverdue")}
                    </Table.Th>
                    <Table.Th scope="col">{t("task.lastProgress")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((task) => (
                    <Table.Tr key={task.id}>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        <Anchor component={Link} to={`/directives/${task.directiveId}`} size="sm">
                          {task.directiveNumber}
                        </Anchor>
                        {task.clause && (
                          <Text size="xs" c="dimmed">
                            {task.clause}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td miw={260}>
                        <Stack gap={4}>
                          <Anchor component={Link} to={`/tasks/${task.id}`} size="sm">
                            {task.title}
                          </Anchor>
                          {task.isKey && (
                            <div>
                              <KeyTaskBadge />
                            </div>
                          )}
                        </Stack>
                      </Table.Td>
                      <Table.Td>{task.leadAgency.shortName}</Table.Td>
                      <Table.Td>
                        {task.coordinators.map((agency) => agency.shortName).join(", ")}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        {task.deadline === null ? "" : date(task.deadline)}
                        {task.dueOn !== null && task.dueOn !== task.deadline && (
                          <Text size="xs" c="dimmed">
                            {t("task.dueOn")}: {date(task.dueOn)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text fw={700} c="red.9" size="sm">
                          {number(task.daysOverdue)}
                        </Text>
                      </Table.Td>
                      <Table.Td miw={220}>
                        {task.lastProgressAt === null ? (
                          <Text size="sm" c="dimmed">
                            {t("overdue.noReport")}
                          </Text>
                        ) : (
                          <>
                            <Text size="sm" lineClamp={3}>
                              {task.lastProgressNote || t("overdue.noNote")}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {dateTime(task.lastProgressAt)}
                            </Text>
                          </>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Pager
            page={page}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            onChange={(next) => update({ page: next })}
          />
        </div>
      )}
    </Stack>
  );
}

import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
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
import { type RouterOutputs, useTRPC } from "../trpc.ts";
import { EmptyView } from "../ui/empty-view.tsx";
import { ErrorView } from "../ui/error-view.tsx";
import { useFormatters } from "../ui/format.ts";
import { LoadingLines } from "../ui/loading.tsx";
import { PageTitle } from "../ui/page-title.tsx";
import { usePhoneLayout } from "../ui/phone-layout.ts";
import { intParam, useUrlState } from "../ui/url-state.ts";
import { usePeriodName } from "./period.ts";

type MissingItem = RouterOutputs["report"]["missing"]["items"][number];

/** Badges keep their whole text. */
const WHOLE = { root: { maxWidth: "none", overflow: "visible" }, label: { overflow: "visible" } };

function StreakBadge({ streak }: { streak: number }) {
  const { t } = useTranslation();
  return (
    <Badge color={streak > 1 ? "red" : "orange"} variant="light" tt="none" styles={WHOLE}>
      {t("report.streakPeriods", { count: streak })}
    </Badge>
  );
}

function MissingCard({ item }: { item: MissingItem }) {
  const { t } = useTranslation();
  const { date, dateTime } = useFormatters();
  const periodName = usePeriodName();
  return (
    <Paper withBorder p="sm" component="li">
      <Stack gap={6}>
        <Group gap={6}>
          <StreakBadge streak={item.streak} />
        </Group>
        <Anchor component={Link} to={`/tasks/${item.task.id}`} fw={500}>
          {item.task.title}
        </Anchor>
        <Text size="sm" c="dimmed">
          {item.task.directiveNumber}
          {item.task.clause && ` · ${item.task.clause}`}
        </Text>
        <Text size="sm">
          {item.agency.name}
          {item.agency.shortName !== item.agency.name && ` (${item.agency.shortName})`} ·{" "}
          {t(`reportAgencyRole.${item.role}`)}
        </Text>
        <Text size="sm">
          {t("report.missingPeriodCol")}: {periodName(item.period.key)} (
          {t("report.dueOn", { date: date(item.period.dueOn) })})
        </Text>
        <Text size="sm">
          {t("report.lastReportCol")}:{" "}
          {item.lastReportedAt === null ? t("report.never") : dateTime(item.lastReportedAt)}
        </Text>
      </Stack>
    </Paper>
  );
}

/**
 * For officers and leaders of the agencies that follow tasks up: which lead and coordinating
 * agencies have not reported for the period now due, and for how many periods in a row.
 */
export function MissingReportsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { date, dateTime, number } = useFormatters();
  const periodName = usePeriodName();
  const phone = usePhoneLayout();
  const { params, update } = useUrlState();
  const directiveId = intParam(params, "directive");
  const directives = useQuery(trpc.directive.list.queryOptions({ pageSize: 100 }));
  const missing = useQuery({
    ...trpc.report.missing.queryOptions({ directiveId }),
    placeholderData: keepPreviousData,
  });
  const title = t("report.missingTitle");

  return (
    <Stack gap="md">
      <PageTitle title={title} />
      <Stack gap={4}>
        <Title order={1}>{title}</Title>
        <Text c="dimmed">{t("report.missingIntro")}</Text>
      </Stack>

      <search aria-label={t("report.missingFilters")}>
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
          w={{ base: "100%", sm: 360 }}
          comboboxProps={{ width: 480, position: "bottom-start" }}
        />
      </search>

      {missing.isPending ? (
        <LoadingLines lines={6} />
      ) : missing.isError ? (
        <ErrorView error={missing.error} onRetry={() => void missing.refetch()} />
      ) : missing.data.items.length === 0 ? (
        <EmptyView
          title={t("report.missingEmpty")}
          description={
            directiveId === undefined
              ? t("report.missingEmptyHint")
              : t("report.missingEmptyHintFiltered")
          }
          action={
            directiveId === undefined ? undefined : (
              <Button variant="default" onClick={() => update({ directive: null })}>
                {t("common.clearFilters")}
              </Button>
            )
          }
        />
      ) : (
        <div>
          <Text fw={600} mb="xs" role="status">
            {t("report.missingCount", {
              count: missing.data.items.length,
              total: number(missing.data.items.length),
              date: date(missing.data.asOf),
            })}
          </Text>
          {phone ? (
            <Stack
              component="ul"
              gap="sm"
              m={0}
              p={0}
              style={{ listStyle: "none" }}
              aria-label={title}
            >
              {missing.data.items.map((item) => (
                <MissingCard key={`${item.task.id}-${item.agency.id}`} item={item} />
              ))}
            </Stack>
          ) : (
            <Table.ScrollContainer minWidth={960}>
              <Table striped highlightOnHover verticalSpacing="sm">
                <Table.Caption>
                  <VisuallyHidden>{title}</VisuallyHidden>
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("task.directive")}</Table.Th>
                    <Table.Th scope="col">{t("task.title")}</Table.Th>
                    <Table.Th scope="col">{t("report.agencyCol")}</Table.Th>
                    <Table.Th scope="col">{t("report.roleCol")}</Table.Th>
                    <Table.Th scope="col">{t("report.missingPeriodCol")}</Table.Th>
                    <Table.Th scope="col">{t("report.streakCol")}</Table.Th>
                    <Table.Th scope="col">{t("report.lastReportCol")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {missing.data.items.map((item) => (
                    <Table.Tr key={`${item.task.id}-${item.agency.id}`}>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        <Anchor
                          component={Link}
                          to={`/directives/${item.task.directiveId}`}
                          size="sm"
                        >
                          {item.task.directiveNumber}
                        </Anchor>
                        {item.task.clause && (
                          <Text size="xs" c="dimmed">
                            {item.task.clause}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td miw={260}>
                        <Anchor component={Link} to={`/tasks/${item.task.id}`} size="sm">
                          {item.task.title}
                        </Anchor>
                      </Table.Td>
                      <Table.Td miw={160}>
                        <Text size="sm">{item.agency.name}</Text>
                        {item.agency.shortName !== item.agency.name && (
                          <Text size="xs" c="dimmed">
                            {item.agency.shortName}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{t(`reportAgencyRole.${item.role}`)}</Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        <Text size="sm">{periodName(item.period.key, true)}</Text>
                        <Text size="xs" c="dimmed">
                          {t("report.dueOn", { date: date(item.period.dueOn) })}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <StreakBadge streak={item.streak} />
                        {item.missedPeriodKeys.length > item.streak && (
                          <Text size="xs" c="dimmed" mt={4}>
                            {t("report.missedTotal", { count: item.missedPeriodKeys.length })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        {item.lastReportedAt === null ? (
                          <Text size="sm" c="dimmed">
                            {t("report.never")}
                          </Text>
                        ) : (
                          <Text size="sm">{dateTime(item.lastReportedAt)}</Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </div>
      )}
    </Stack>
  );
}

import { Anchor, Button, Group, Paper, Table, Text, VisuallyHidden } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { URGED_WITHIN_DAYS } from "../../shared/inbox.ts";
import { MainCells } from "../statistic/statistic-cells.tsx";
import { overdueHref, scopeFromParams } from "../statistic/statistic-scope.ts";
import { type RouterOutputs, useTRPC } from "../trpc.ts";
import { useFormatters } from "../ui/format.ts";
import { QueryView } from "../ui/query-view.tsx";
import { Section } from "../ui/section.tsx";
import { UrgeSection } from "./officer-inbox.tsx";

type LeaderInbox = Extract<RouterOutputs["inbox"]["view"], { role: "leader" }>;

/** How many agencies the leader's inbox ranks by overdue tasks. */
const TOP_AGENCIES = 5;

/** Today's four published cells, for everything the leader's agency follows. */
function Figures() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { date } = useFormatters();
  const summary = useQuery(trpc.statistic.summary.queryOptions({}));
  const scope = scopeFromParams(new URLSearchParams());
  return (
    <Paper withBorder p="md">
      <Section
        title={t("inbox.figuresTitle")}
        size="h3"
        intro={
          <Text size="sm" c="dimmed">
            {/* A line kept while the figures load: nothing below moves when they come. */}
            {summary.data ? t("inbox.figuresIntro", { date: date(summary.data.asOf) }) : "\u00a0"}
          </Text>
        }
      >
        <QueryView query={summary} placeholder={<MainCells cells={null} scope={scope} />}>
          {(data) => <MainCells cells={data.cells} scope={scope} />}
        </QueryView>
        <Group>
          <Button component={Link} to="/statistics" variant="subtle" size="compact-sm">
            {t("inbox.seeStatistics")}
          </Button>
        </Group>
      </Section>
    </Paper>
  );
}

/** The agencies with most overdue tasks, each opening its overdue list. */
function TopAgencies() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { number } = useFormatters();
  const table = useQuery(
    trpc.statistic.byAgency.queryOptions({ sort: "overdue", direction: "desc" }),
  );
  const scope = scopeFromParams(new URLSearchParams());
  return (
    <Paper withBorder p="md">
      <Section
        title={t("inbox.agenciesTitle", { count: TOP_AGENCIES })}
        size="h3"
        intro={t("inbox.agenciesIntro")}
      >
        <QueryView query={table} lines={5}>
          {(data) => {
            const rows = data.rows.filter((row) => row.overdue > 0).slice(0, TOP_AGENCIES);
            return rows.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("inbox.noAgencyOverdue")}
              </Text>
            ) : (
              <Table striped withTableBorder>
                <Table.Caption>
                  <VisuallyHidden>{t("inbox.agenciesCaption")}</VisuallyHidden>
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("inbox.agencyColumn")}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t("inbox.overdueColumn")}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t("inbox.totalColumn")}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => (
                    <Table.Tr key={row.agency.id}>
                      <Table.Th scope="row" fw={400}>
                        {row.agency.name}
                      </Table.Th>
                      <Table.Td ta="right">
                        <Anchor
                          component={Link}
                          to={overdueHref({ ...scope, agencyId: row.agency.id })}
                          aria-label={t("inbox.agencyOverdueLabel", {
                            count: row.overdue,
                            total: number(row.overdue),
                            name: row.agency.name,
                          })}
                        >
                          {number(row.overdue)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td ta="right">{number(row.total)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            );
          }}
        </QueryView>
      </Section>
    </Paper>
  );
}

/** A leader reads the four cells, the agencies most behind, and urges key tasks overdue. */
export function LeaderInboxView({ inbox }: { inbox: LeaderInbox }) {
  const { t } = useTranslation();
  return (
    <>
      <Figures />
      <TopAgencies />
      <UrgeSection
        title={t("inbox.keyTitle")}
        intro={t("inbox.keyIntro", { urged: URGED_WITHIN_DAYS })}
        section={inbox.sections.keyOverdue}
        moreTo="/overdue?key=1"
      />
    </>
  );
}

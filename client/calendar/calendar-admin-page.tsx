import {
  Alert,
  Button,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Textarea,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDate, type IsoDate } from "../../shared/date.ts";
import { useTRPC } from "../trpc.ts";
import { errorFacts } from "../ui/api-error.ts";
import { useToday } from "../ui/current-user.tsx";
import { FormAlert, FormPanel } from "../ui/form.tsx";
import { PageHeader } from "../ui/page-title.tsx";
import { parseVnDate } from "../ui/parse-date.ts";
import { QueryView } from "../ui/query-view.tsx";
import { TableScroll } from "../ui/table-scroll.tsx";

/** "08/02/2025, 27/01/2025" or one a line → ISO dates; the texts that are no date. */
function readDates(text: string): { dates: IsoDate[]; invalid: string[] } {
  const parts = text
    .split(/[\n,;]+/)
    .map((part) => part.trim())
    .filter((part) => part !== "");
  const dates: IsoDate[] = [];
  const invalid: string[] = [];
  for (const part of parts) {
    const date = parseVnDate(part);
    if (date === null) invalid.push(part);
    else dates.push(date);
  }
  return { dates, invalid };
}

function writeDates(dates: readonly IsoDate[]): string {
  return dates.map(formatDate).join("\n");
}

/**
 * Administrators enter each year's days off and make-up working days as the Government
 * publishes them; deadlines of open tasks in that year are recomputed at once.
 */
export function CalendarAdminPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const today = useToday();
  const calendar = useQuery(trpc.calendar.get.queryOptions());
  const thisYear = Number(today.slice(0, 4));
  const [year, setYear] = useState<number>(thisYear + 1);
  const [daysOff, setDaysOff] = useState("");
  const [workingDays, setWorkingDays] = useState("");
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(trpc.calendar.setYear.mutationOptions());

  const load = (chosen: number) => {
    setYear(chosen);
    const data = calendar.data;
    if (!data) return;
    setDaysOff(writeDates(data.daysOff.filter((day) => day.startsWith(`${chosen}-`))));
    setWorkingDays(writeDates(data.workingDays.filter((day) => day.startsWith(`${chosen}-`))));
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const off = readDates(daysOff);
    const worked = readDates(workingDays);
    const invalid = [...off.invalid, ...worked.invalid];
    if (invalid.length > 0) {
      setError(t("holidayCalendar.invalidDates", { dates: invalid.join(", ") }));
      return;
    }
    setError(null);
    try {
      const result = await save.mutateAsync({
        year,
        daysOff: off.dates,
        workingDays: worked.dates,
      });
      await queryClient.invalidateQueries(trpc.calendar.pathFilter());
      await queryClient.invalidateQueries(trpc.task.pathFilter());
      notifications.show({
        color: "green",
        message: t("holidayCalendar.saved", { year, count: result.movedTaskIds.length }),
      });
    } catch (caught) {
      const facts = errorFacts(caught);
      const fields = Object.values(facts.fieldErrors).flat();
      setError(
        [facts.message, ...fields].filter(Boolean).join(" ") || t("holidayCalendar.notSaved"),
      );
    }
  };

  return (
    <Stack gap="lg">
      <PageHeader title={t("holidayCalendar.title")} intro={t("holidayCalendar.intro")} />
      <QueryView query={calendar}>
        {(data) => {
          const missing = [thisYear, thisYear + 1].filter((y) => !data.years.includes(y));
          return (
            <Stack gap="lg">
              {missing.length > 0 && (
                <Alert color="orange" title={t("holidayCalendar.missingTitle")} role="status">
                  {t("holidayCalendar.missing", { years: missing.join(", ") })}
                </Alert>
              )}
              <TableScroll minWidth={360} label={t("holidayCalendar.title")}>
                <Table striped withTableBorder>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("holidayCalendar.year")}</Table.Th>
                      <Table.Th>{t("holidayCalendar.daysOff")}</Table.Th>
                      <Table.Th>{t("holidayCalendar.workingDays")}</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.years.map((y) => (
                      <Table.Tr key={y}>
                        <Table.Td>{y}</Table.Td>
                        <Table.Td>
                          {data.daysOff
                            .filter((day) => day.startsWith(`${y}-`))
                            .map(formatDate)
                            .join(", ")}
                        </Table.Td>
                        <Table.Td>
                          {data.workingDays
                            .filter((day) => day.startsWith(`${y}-`))
                            .map(formatDate)
                            .join(", ")}
                        </Table.Td>
                        <Table.Td>
                          <Button variant="subtle" size="compact-sm" onClick={() => load(y)}>
                            {t("holidayCalendar.edit", { year: y })}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
            </Stack>
          );
        }}
      </QueryView>
      <FormPanel title={t("holidayCalendar.formTitle")} order={2} onSubmit={onSubmit}>
        <FormAlert message={error} />
        <NumberInput
          label={t("holidayCalendar.year")}
          value={year}
          min={2000}
          max={2100}
          allowDecimal={false}
          onChange={(value) => setYear(typeof value === "number" ? value : Number(value))}
          maw={200}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Textarea
            label={t("holidayCalendar.daysOff")}
            description={t("holidayCalendar.daysOffHint")}
            value={daysOff}
            onChange={(event) => setDaysOff(event.currentTarget.value)}
            autosize
            minRows={6}
          />
          <Textarea
            label={t("holidayCalendar.workingDays")}
            description={t("holidayCalendar.workingDaysHint")}
            value={workingDays}
            onChange={(event) => setWorkingDays(event.currentTarget.value)}
            autosize
            minRows={6}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("holidayCalendar.save", { year })}
          </Button>
        </Group>
      </FormPanel>
    </Stack>
  );
}

import "dayjs/locale/vi";
import { DateInput, type DateInputProps, DatesProvider } from "@mantine/dates";
import { useTranslation } from "react-i18next";
import { isIsoDate } from "../../shared/date.ts";

const DMY = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/;

/** Reads what a Vietnamese user types, dd/mm/yyyy, into "YYYY-MM-DD"; null when it is no date. */
export function parseVnDate(text: string): string | null {
  const match = DMY.exec(text);
  if (!match) return isIsoDate(text.trim()) ? text.trim() : null;
  const [, d, m, y] = match;
  const iso = `${y}-${(m ?? "").padStart(2, "0")}-${(d ?? "").padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

/**
 * A date field written and read as dd/mm/yyyy; its value is "YYYY-MM-DD" or null. The calendar
 * speaks the user's language and weeks start on Monday (the date library and its Vietnamese
 * locale come with this field, not with the first page).
 */
export function DateField(props: Omit<DateInputProps, "valueFormat" | "dateParser">) {
  const { i18n } = useTranslation();
  return (
    <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 1 }}>
      <DateInput
        valueFormat="DD/MM/YYYY"
        dateParser={parseVnDate}
        placeholder="dd/mm/yyyy"
        hideOutsideDates
        popoverProps={{ withinPortal: true, transitionProps: { duration: 0 } }}
        {...props}
      />
    </DatesProvider>
  );
}

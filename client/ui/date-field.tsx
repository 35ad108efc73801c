import "dayjs/locale/vi";
import { DateInput, type DateInputProps, DatesProvider } from "@mantine/dates";
import { useTranslation } from "react-i18next";
import { useToday } from "./current-user.tsx";
import { parseVnDate } from "./parse-date.ts";

/**
 * A date field written and read as dd/mm/yyyy; its value is "YYYY-MM-DD" or null. An empty
 * field's calendar opens at the server's today, not the computer's. The calendar speaks the
 * user's language and weeks start on Monday (the date library and its Vietnamese locale come
 * with this field, not with the first page).
 */
export function DateField(props: Omit<DateInputProps, "valueFormat" | "dateParser">) {
  const { i18n } = useTranslation();
  const today = useToday();
  return (
    <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 1 }}>
      <DateInput
        valueFormat="DD/MM/YYYY"
        dateParser={parseVnDate}
        placeholder="dd/mm/yyyy"
        hideOutsideDates
        defaultDate={today}
        popoverProps={{ withinPortal: true, transitionProps: { duration: 0 } }}
        {...props}
      />
    </DatesProvider>
  );
}

import { DateInput, type DateInputProps } from "@mantine/dates";
import { useToday } from "./current-user.tsx";
import { parseVnDate } from "./parse-date.ts";

/**
 * A date field written and read as dd/mm/yyyy; its value is "YYYY-MM-DD" or null. An empty
 * field's calendar opens at the server's today, not the computer's.
 */
export function DateField(props: Omit<DateInputProps, "valueFormat" | "dateParser">) {
  const today = useToday();
  return (
    <DateInput
      valueFormat="DD/MM/YYYY"
      dateParser={parseVnDate}
      placeholder="dd/mm/yyyy"
      hideOutsideDates
      defaultDate={today}
      popoverProps={{ withinPortal: true, transitionProps: { duration: 0 } }}
      {...props}
    />
  );
}

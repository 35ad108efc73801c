import { DateInput, type DateInputProps } from "@mantine/dates";
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

/** A date field written and read as dd/mm/yyyy; its value is "YYYY-MM-DD" or null. */
export function DateField(props: Omit<DateInputProps, "valueFormat" | "dateParser">) {
  return (
    <DateInput
      valueFormat="DD/MM/YYYY"
      dateParser={parseVnDate}
      placeholder="dd/mm/yyyy"
      hideOutsideDates
      popoverProps={{ withinPortal: true, transitionProps: { duration: 0 } }}
      {...props}
    />
  );
}

import { Button, Group, Paper, Text } from "@mantine/core";
import { lazy, Suspense, useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import classes from "./urge-bar.module.css";

/** What the dialog lists of each task it urges (an overdue row, an inbox item). */
export type UrgeTask = {
  id: number;
  title: string;
  clause: string;
  directive: { number: string };
  leadAgency: { name: string; shortName: string };
};

export type UrgeDialogProps = {
  opened: boolean;
  tasks: readonly UrgeTask[];
  /** Closed (the letters stay on the tasks' pages). */
  onClose: () => void;
  /** The tasks urged, as soon as the server has urged them (the dialog then offers the letters). */
  onSent?: (ids: readonly number[]) => void;
};

/** The form, its date picker and zod: fetched when a user is about to urge, not with the list. */
const loadUrgeForm = () => import("./urge-form.tsx");
const UrgeFormDialog = lazy(async () => ({ default: (await loadUrgeForm()).UrgeFormDialog }));

/** Starts fetching the dialog's code (on hover or focus of a button that opens it). */
export function preloadUrgeDialog(): void {
  void loadUrgeForm();
}

/**
 * "Đôn đốc" for the chosen tasks (client/urge/urge-form.tsx). Nothing is mounted while it is
 * closed, so a page that can urge loads the form's code only when the dialog first opens.
 */
export function UrgeDialog(props: UrgeDialogProps) {
  if (!props.opened) return null;
  return (
    <Suspense fallback={null}>
      <UrgeFormDialog {...props} />
    </Suspense>
  );
}

/** Above a list whose tasks can be chosen: how many are chosen, "Bỏ chọn" and "Đôn đốc". */
export function UrgeBar({
  selected,
  total,
  onClear,
  onUrge,
}: {
  /** How many tasks are chosen. */
  selected: number;
  /** The same, written for the reader ("1.234"). */
  total: string;
  onClear: () => void;
  onUrge: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xs" mb="sm" className={classes.bar}>
      <Group justify="space-between" gap="sm">
        <Text size="sm" aria-live="polite">
          {selected === 0
            ? t("overdue.selectHint")
            : t("overdue.selected", { count: selected, total })}
        </Text>
        <Group gap="xs">
          {selected > 0 && (
            <Button variant="subtle" size="xs" onClick={onClear}>
              {t("overdue.clearSelection")}
            </Button>
          )}
          <Button
            size="xs"
            disabled={selected === 0}
            onClick={onUrge}
            onPointerEnter={preloadUrgeDialog}
            onFocus={preloadUrgeDialog}
          >
            {t("overdue.urge")}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}

/**
 * The tasks chosen to urge, among those that can be chosen now: a choice the list no longer
 * offers (filters or paging moved on, or it was just urged) drops out.
 */
export function useUrgeChoice(choosable: Iterable<number>) {
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const offered = new Set(choosable);
  const selected: ReadonlySet<number> = new Set([...chosen].filter((id) => offered.has(id)));
  // The same function from one drawing to the next: a list's rows that take it are not drawn
  // again when another row is chosen.
  const toggle = useCallback((id: number) => {
    setChosen((before) => {
      const next = new Set(before);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  return {
    selected,
    toggle,
    choose: (ids: Iterable<number>) => setChosen(new Set(ids)),
    /** After the urge: the urged tasks are no longer chosen. */
    drop: (ids: readonly number[]) =>
      setChosen(new Set([...selected].filter((id) => !ids.includes(id)))),
  };
}

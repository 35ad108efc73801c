import { Button } from "@mantine/core";
import { type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePhoneLayout } from "./phone-layout.ts";

/**
 * Filters above a list or figures. On a phone they fold under one button, closed at first, so
 * that what they filter comes first on the screen and their fields' code (selects, date picker:
 * about 60 KB) loads only when they are opened; the button says how many are in use. On a wider
 * screen they are always shown.
 */
export function PhoneFilters({
  label,
  active,
  children,
}: {
  /** What the filters do ("Lọc nhiệm vụ quá hạn"), the button's text. */
  label: string;
  /** How many filters differ from the default. */
  active: number;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  const [opened, setOpened] = useState(false);
  const id = useId();
  if (!phone) return children;
  return (
    <>
      <Button
        variant="default"
        fullWidth
        justify="space-between"
        rightSection={<span aria-hidden="true">{opened ? "▲" : "▼"}</span>}
        aria-expanded={opened}
        aria-controls={id}
        onClick={() => setOpened(!opened)}
        mb={opened ? "sm" : 0}
      >
        {active > 0 ? t("common.filtersInUse", { label, count: active }) : label}
      </Button>
      <div id={id}>{opened && children}</div>
    </>
  );
}

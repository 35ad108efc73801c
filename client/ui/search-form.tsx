import { Button, Group, TextInput } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useUrlState } from "./url-state.ts";

/**
 * Words to search for, sent with the button or Enter into the URL's `q` (back to page 1); the
 * other filters of the row follow as `children`.
 */
export function SearchForm({
  label,
  placeholder,
  children,
}: {
  label: string;
  placeholder: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { params, update } = useUrlState();
  const query = params.get("q") ?? "";
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const value = new FormData(event.currentTarget).get("q");
        update({ q: typeof value === "string" ? value.trim() : "" });
      }}
    >
      <Group align="flex-end" gap="sm">
        <TextInput
          key={query}
          name="q"
          type="search"
          label={label}
          placeholder={placeholder}
          defaultValue={query}
          style={{ flex: "1 1 260px" }}
        />
        <Button type="submit" variant="light">
          {t("common.search")}
        </Button>
        {children}
      </Group>
    </form>
  );
}

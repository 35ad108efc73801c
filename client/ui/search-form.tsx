import { Button, Group, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigation } from "react-router";
import { useUrlState } from "./url-state.ts";

/** How long the typing pauses before the list is searched. */
export const SEARCH_DEBOUNCE_MS = 350;

/**
 * Words to search for, into the URL's `q` (back to page 1) as the user types (after a short
 * pause, replacing the history entry rather than adding one per letter), or at once with the
 * button or Enter; the other filters of the row follow as `children`.
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
  const [text, setText] = useState(query);
  // The words the URL held at the last render, and those this form last put there: when the URL
  // changes otherwise ("Bỏ lọc", back button), the field shows the URL's words.
  const [seen, setSeen] = useState(query);
  const [sent, setSent] = useState(query);
  if (query !== seen) {
    setSeen(query);
    if (query !== sent) setText(query);
  }
  const search = (value: string, replace: boolean) => {
    const words = value.trim();
    setSent(words);
    update({ q: words }, { replace });
  };
  const searchSoon = useDebouncedCallback(
    (value: string) => search(value, true),
    SEARCH_DEBOUNCE_MS,
  );
  // A click on a result during the pause leaves for another page: the pending search must not
  // bring the user back to the list once that page's code has loaded.
  const navigation = useNavigation();
  useEffect(() => {
    if (navigation.state !== "idle") searchSoon.cancel();
  }, [navigation.state, searchSoon]);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        searchSoon.cancel();
        search(text, false);
      }}
    >
      <Group align="flex-end" gap="sm">
        <TextInput
          name="q"
          type="search"
          label={label}
          placeholder={placeholder}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            searchSoon(event.currentTarget.value);
          }}
          style={{ flex: "1 1 240px" }}
        />
        <Button type="submit" variant="light">
          {t("common.search")}
        </Button>
        {children}
      </Group>
    </form>
  );
}

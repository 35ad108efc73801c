import { Select } from "@mantine/core";
import { skipToken, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../shared/date.ts";
import type { DirectiveType } from "../../shared/directive.ts";
import { useTRPC } from "../trpc.ts";

export type DirectiveFacts = {
  id: number;
  type: DirectiveType;
  number: string;
  issuedOn: string;
  title: string;
};

/**
 * The directives to choose from (the latest hundred the user may see), and the chosen one even
 * when it is older than those.
 */
export function useDirectiveChoices(selectedId: number | undefined) {
  const trpc = useTRPC();
  const list = useQuery({
    ...trpc.directive.list.queryOptions({ pageSize: 100 }),
    staleTime: 5 * 60_000,
  });
  const listed = list.data?.items.find((item) => item.id === selectedId);
  const missing = selectedId !== undefined && list.isSuccess && !listed;
  const byId = useQuery(trpc.directive.byId.queryOptions(missing ? { id: selectedId } : skipToken));
  const directives: DirectiveFacts[] = [...(list.data?.items ?? [])];
  if (missing && byId.data) directives.push(byId.data.directive);
  const selected = directives.find((item) => item.id === selectedId);
  return { directives, selected, isPending: list.isPending };
}

/** One directive by its number and title; its value is the directive's id. */
export function DirectiveSelect({
  value,
  onChange,
  label,
  placeholder,
}: {
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  label: string;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const { directives, isPending } = useDirectiveChoices(value);
  return (
    <Select<number>
      label={label}
      placeholder={placeholder ?? t("common.all")}
      searchable
      clearable
      data={directives.map((directive) => ({
        value: directive.id,
        label: `${directive.number} (${formatDate(directive.issuedOn)}) — ${directive.title}`,
      }))}
      value={value ?? null}
      onChange={(next) => onChange(next ?? undefined)}
      nothingFoundMessage={isPending ? t("common.loading") : t("statistics.noDirective")}
      comboboxProps={{ width: 480, position: "bottom-start" }}
      maxDropdownHeight={320}
    />
  );
}

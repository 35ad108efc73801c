import {
  Button,
  type ComboboxItem,
  type ComboboxParsedItem,
  Group,
  Menu,
  MultiSelect,
  type OptionsFilter,
  Select,
  Stack,
  Text,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { foldText } from "../../shared/text.ts";
import { type Agency, useTRPC } from "../trpc.ts";
import { useFormatters } from "../ui/format.ts";
import { useActiveAgencies } from "./active-agencies.ts";

/** The few facts of an agency the picker shows (a task's agencies may be no longer active). */
export type AgencyOption = { id: number; code: string; name: string; shortName: string };

type Indexed = { agency: AgencyOption; label: string; folded: string; foldedShort: string };

function displayName(agency: AgencyOption | Agency, language: string): string {
  if (language === "en" && "nameEn" in agency && agency.nameEn) return agency.nameEn;
  return agency.name;
}

function labelOf(agency: AgencyOption, language: string): string {
  const name = displayName(agency, language);
  return agency.shortName && agency.shortName !== name ? `${agency.shortName} — ${name}` : name;
}

/** Options and a diacritic-insensitive filter: "lang son" finds Lạng Sơn, "da nang" Đà Nẵng. */
function useAgencyOptions(extra: readonly AgencyOption[]) {
  const { i18n } = useTranslation();
  const agencies = useActiveAgencies();
  const all: (AgencyOption | Agency)[] = [...(agencies.data ?? [])];
  for (const agency of extra) {
    if (!all.some((a) => a.id === agency.id)) all.push(agency);
  }
  const index = new Map<number, Indexed>(
    all.map((agency) => {
      const label = labelOf(agency, i18n.language);
      const english = "nameEn" in agency ? agency.nameEn : "";
      return [
        agency.id,
        {
          agency,
          label,
          folded: foldText(`${agency.shortName} ${agency.name} ${agency.code} ${english}`),
          foldedShort: foldText(agency.shortName),
        },
      ];
    }),
  );
  const data: ComboboxItem<number>[] = [...index.values()].map((item) => ({
    value: item.agency.id,
    label: item.label,
  }));
  const filter: OptionsFilter<number> = ({ options, search, limit }) => {
    const query = foldText(search);
    const words = query.split(" ").filter((word) => word !== "");
    const matches: { item: ComboboxParsedItem<number>; rank: number }[] = [];
    for (const option of options) {
      if ("group" in option) continue;
      const indexed = index.get(option.value);
      if (!indexed) continue;
      if (words.every((word) => indexed.folded.includes(word))) {
        matches.push({ item: option, rank: indexed.foldedShort.startsWith(query) ? 0 : 1 });
      }
    }
    return matches
      .sort((a, b) => a.rank - b.rank)
      .slice(0, limit)
      .map((match) => match.item);
  };
  const renderOption = ({ option }: { option: ComboboxItem<number> }) => {
    const indexed = index.get(option.value);
    if (!indexed) return option.label;
    const name = displayName(indexed.agency, i18n.language);
    return (
      <Stack gap={0}>
        <Text size="sm" fw={500}>
          {indexed.agency.shortName || name}
        </Text>
        {indexed.agency.shortName !== name && (
          <Text size="xs" c="dimmed">
            {name}
          </Text>
        )}
      </Stack>
    );
  };
  return { agencies, data, filter, renderOption };
}

type PickerBase = {
  label: string;
  description?: string;
  error?: string | undefined;
  required?: boolean;
  /** Agencies to offer besides today's (the current values of a task being edited). */
  extra?: readonly AgencyOption[];
  onBlur?: () => void;
  name?: string;
};

/** One agency, e.g. the lead agency (chủ trì). */
export function AgencySelect({
  value,
  onChange,
  clearable = false,
  placeholder,
  extra = [],
  ...base
}: PickerBase & {
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  clearable?: boolean;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const { agencies, data, filter, renderOption } = useAgencyOptions(extra);
  return (
    <Select<number>
      {...base}
      searchable
      clearable={clearable}
      data={data}
      value={value ?? null}
      onChange={(next) => onChange(next ?? undefined)}
      filter={filter}
      limit={50}
      renderOption={renderOption}
      placeholder={placeholder ?? t("agency.searchPlaceholder")}
      nothingFoundMessage={agencies.isPending ? t("common.loading") : t("agency.nothingFound")}
      maxDropdownHeight={320}
    />
  );
}

/** Several agencies, e.g. the coordinating agencies (phối hợp), with "add a group". */
export function AgencyMultiSelect({
  value,
  onChange,
  exclude = [],
  extra = [],
  ...base
}: PickerBase & {
  value: number[];
  onChange: (value: number[]) => void;
  /** Agencies that may not be picked here (the lead agency). */
  exclude?: readonly number[];
}) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const { number } = useFormatters();
  const { agencies, data, filter, renderOption } = useAgencyOptions(extra);
  const groups = useQuery({ ...trpc.agency.groups.queryOptions(), staleTime: 30 * 60_000 });
  const activeIds = new Set((agencies.data ?? []).map((agency) => agency.id));
  const excluded = new Set(exclude);
  const available = data.filter((item) => !excluded.has(item.value) || value.includes(item.value));

  const addGroup = (groupIds: readonly number[], groupName: string) => {
    const adding = groupIds.filter(
      (id) => activeIds.has(id) && !excluded.has(id) && !value.includes(id),
    );
    onChange([...value, ...adding]);
    notifications.show({
      color: "blue",
      message: t("agency.groupAdded", { count: adding.length, name: groupName }),
    });
  };

  return (
    <Stack gap={4}>
      <MultiSelect<number>
        {...base}
        searchable
        hidePickedOptions
        clearable
        data={available}
        value={value}
        onChange={onChange}
        filter={filter}
        limit={50}
        renderOption={renderOption}
        placeholder={value.length === 0 ? t("agency.searchPlaceholder") : undefined}
        nothingFoundMessage={agencies.isPending ? t("common.loading") : t("agency.nothingFound")}
        maxDropdownHeight={320}
      />
      <Group gap="xs">
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Button
              variant="subtle"
              size="compact-sm"
              disabled={!groups.data || groups.data.length === 0}
            >
              {t("agency.addGroup")}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {(groups.data ?? []).map((group) => {
              const active = group.agencyIds.filter((id) => activeIds.has(id)).length;
              const name = i18n.language === "en" && group.nameEn ? group.nameEn : group.name;
              return (
                <Menu.Item
                  key={group.id}
                  disabled={active === 0}
                  onClick={() => addGroup(group.agencyIds, name)}
                >
                  {name} ({number(active)})
                </Menu.Item>
              );
            })}
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Stack>
  );
}

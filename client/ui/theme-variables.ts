import {
  type ConvertCSSVariablesInput,
  convertCssVariables,
  DEFAULT_THEME,
  defaultCssVariablesResolver,
  mergeMantineTheme,
} from "@mantine/core";
import { appTheme, cssVariablesResolver } from "./theme.ts";

/** Only the variables whose value differs from Mantine's defaults (its stylesheet has those). */
function changed(
  values: Record<string, string>,
  defaults: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter(([key, value]) => defaults[key] !== value),
  );
}

/**
 * The theme's CSS variables where they differ from Mantine's, as MantineProvider would write
 * them into the page at every start (`withCssVariables`): worked out at build time instead
 * (vite.config.ts, `virtual:theme-variables.css`), which spares every page some 10 ms of its
 * first task (issue 13). The texts the theme carries do not touch its variables.
 */
export function themeVariablesCss(): string {
  const theme = mergeMantineTheme(
    DEFAULT_THEME,
    appTheme(((key: string) => key) as Parameters<typeof appTheme>[0]),
  );
  const ours = defaultCssVariablesResolver(theme);
  const resolved = cssVariablesResolver(theme);
  const defaults = defaultCssVariablesResolver(DEFAULT_THEME);
  const variables: ConvertCSSVariablesInput = {
    variables: changed({ ...ours.variables, ...resolved.variables }, defaults.variables),
    light: changed({ ...ours.light, ...resolved.light }, defaults.light),
    dark: changed({ ...ours.dark, ...resolved.dark }, defaults.dark),
  };
  return convertCssVariables(variables, ":root");
}

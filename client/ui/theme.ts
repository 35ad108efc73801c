import {
  type ComboboxProps,
  type CSSVariablesResolver,
  createTheme,
  darken,
  defaultVariantColorsResolver,
  type InputWrapperProps,
  type MantineColorSchemeManager,
  type MantineThemeOverride,
  type MultiSelectProps,
  type NotificationProps,
  type PasswordInputProps,
  parseThemeColor,
  type SelectProps,
  type VariantColorsResolver,
} from "@mantine/core";
import type { DateInputProps } from "@mantine/dates";
import type { TFunction } from "i18next";

/**
 * The app's one colour scheme, light, kept nowhere: Mantine's default manager reads the browser's
 * `localStorage` as the app starts, and a page's first read of it waits for the browser to load
 * it (6–13 ms on this machine, four times that on Lighthouse's slow phone).
 */
export const lightColorScheme: MantineColorSchemeManager = {
  get: () => "light",
  set: () => undefined,
  subscribe: () => undefined,
  unsubscribe: () => undefined,
  clear: () => undefined,
};

/**
 * Colours that pass WCAG AA on white: the darker 8th shade for filled buttons and links, text
 * switching to black on light fills, and a darker "dimmed" grey.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-error": "var(--mantine-color-red-9)",
  },
  dark: {},
});

/** Light badges, chips and buttons: the text a good deal darker than Mantine's, for contrast. */
const variantColorResolver: VariantColorsResolver = (input) => {
  const resolved = defaultVariantColorsResolver(input);
  if (input.variant !== "light") return resolved;
  const parsed = parseThemeColor({
    color: input.color ?? input.theme.primaryColor,
    theme: input.theme,
  });
  const darkest = parsed.isThemeColor ? input.theme.colors[parsed.color]?.[9] : undefined;
  if (!darkest) return resolved;
  const color = darken(darkest, 0.35);
  return { ...resolved, color, hoverColor: color };
};

/**
 * Mantine's typeface list with DejaVu Sans Condensed before Helvetica and Arial. On Linux those
 * two are Liberation Sans, which lacks letters Vietnamese uses in nearly every sentence (ệ ạ ố ư
 * ơ…): each such letter came from another face, so words were drawn in two, and the browser's
 * first layouts of a page took three times as long looking up the missing letters. DejaVu Sans
 * Condensed has them all, at Arial's widths (the menu and the tables keep their room). Windows,
 * macOS and Android stop at their own system face, as before.
 */
const FONT_FAMILY =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "DejaVu Sans Condensed", Helvetica, Arial, sans-serif, "Apple Color Emoji", "Segoe UI Emoji"';

/** The theme, with the labels of Mantine's icon-only buttons in the user's language. */
export function appTheme(t: TFunction): MantineThemeOverride {
  const clearButtonProps = { "aria-label": t("common.clear") };
  return createTheme({
    fontFamily: FONT_FAMILY,
    headings: { fontFamily: FONT_FAMILY },
    primaryColor: "blue",
    primaryShade: { light: 8, dark: 6 },
    autoContrast: true,
    variantColorResolver,
    luminanceThreshold: 0.35,
    defaultRadius: "sm",
    focusRing: "auto",
    // Plain objects rather than `Component.extend()`, so that the theme does not pull the date
    // picker and the comboboxes into the first page; the prop types still check them.
    components: {
      // The asterisk of required fields comes from global.css, outside the label's text.
      InputWrapper: { defaultProps: { withAsterisk: false } satisfies Partial<InputWrapperProps> },
      // A select's list exists only while open. Mantine keeps it mounted (hidden) by default: every
      // select of a page then renders all its options and positions its dropdown when the page
      // mounts, forcing layouts (half of the overdue list's blocking time on a slow phone).
      Combobox: { defaultProps: { keepMounted: false } satisfies Partial<ComboboxProps> },
      Select: { defaultProps: { clearButtonProps } satisfies Partial<SelectProps> },
      MultiSelect: { defaultProps: { clearButtonProps } satisfies Partial<MultiSelectProps> },
      DateInput: {
        defaultProps: {
          clearButtonProps,
          ariaLabels: {
            monthLevelControl: t("calendar.chooseMonth"),
            yearLevelControl: t("calendar.chooseYear"),
            nextMonth: t("calendar.nextMonth"),
            previousMonth: t("calendar.previousMonth"),
            nextYear: t("calendar.nextYear"),
            previousYear: t("calendar.previousYear"),
            nextDecade: t("calendar.nextDecade"),
            previousDecade: t("calendar.previousDecade"),
          },
        } satisfies Partial<DateInputProps>,
      },
      PasswordInput: {
        defaultProps: {
          visibilityToggleButtonProps: { "aria-label": t("common.showPassword") },
        } satisfies Partial<PasswordInputProps>,
      },
      Notification: {
        defaultProps: {
          closeButtonProps: { "aria-label": t("common.close") },
        } satisfies Partial<NotificationProps>,
      },
    },
  });
}

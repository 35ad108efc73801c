import { useMediaQuery } from "@mantine/hooks";

/** Phones get cards instead of wide tables, and full-screen dialogs. */
export function usePhoneLayout(): boolean {
  return useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });
}

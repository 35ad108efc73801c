import { useMediaQuery } from "@mantine/hooks";
import { PHONE_MEDIA } from "./phone-media.ts";

/** Phones get cards instead of wide tables, and full-screen dialogs. */
export function usePhoneLayout(): boolean {
  return useMediaQuery(PHONE_MEDIA, false, { getInitialValueInEffect: false });
}

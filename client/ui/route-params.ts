import { useParams } from "react-router";

/** The numeric `:id` of the route, or null when it is not a positive whole number. */
export function useIdParam(name = "id"): number | null {
  const value = useParams()[name];
  if (value === undefined || !/^[1-9]\d{0,9}$/.test(value)) return null;
  return Number(value);
}

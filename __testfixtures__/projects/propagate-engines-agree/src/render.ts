import { greeting } from "./greeting";

export default function render(ids: readonly number[]): string {
  return ids.map((id) => `<p>${id}</p>`).join("") + greeting(ids[0] ?? 0);
}

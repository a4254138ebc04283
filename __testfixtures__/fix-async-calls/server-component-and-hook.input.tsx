import { cookies } from "next/headers";
import { loadConfigAsync } from "./config";

export default async function Page() {
  const config = loadConfigAsync();
  return <Shell theme={cookies().get("theme")?.value} title={config.title} />;
}

export function useTitle() {
  return loadConfigAsync().title;
}

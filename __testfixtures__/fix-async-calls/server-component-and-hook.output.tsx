import { cookies } from "next/headers";
import { loadConfigAsync, loadConfig } from "./config";

export default async function Page() {
  const config = await loadConfigAsync();
  return <Shell theme={(await cookies()).get("theme")?.value} title={config.title} />;
}

export function useTitle() {
  return loadConfig().title;
}

import { cookies } from "./testing/fake-headers";
import loadSettings from "./settings";
import { Pool } from "pg";

function connect(url: string) {
  return { url };
}

export async function handler(request: Request, pool: Pool) {
  const jar = cookies();
  const settings = loadSettings();
  const client = connect(request.url);
  pool.connect();
  console.info(jar, settings, client);
}

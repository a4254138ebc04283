import { cookies } from "next/headers";

export function readSession(headers: Headers) {
  // no sync twin for either call: reported for manual review
  const session = cookies().get("session");
  const manager = createWebSocketManager({ session, headers });
  manager.listen();
}

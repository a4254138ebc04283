import { cookies } from "next/headers";

const jar = await cookies();
(await createWebSocketManager({ port: 8080 })).listen(jar);

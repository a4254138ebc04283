import { cookies } from "next/headers";

const jar = cookies();
const manager = createWebSocketManager({ port: 8080 });
manager.listen(jar);

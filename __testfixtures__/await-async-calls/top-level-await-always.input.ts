import { cookies } from "next/headers";

const jar = cookies();
createWebSocketManager({ port: 8080 }).listen(jar);

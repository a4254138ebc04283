import { connect } from "./db";

// connect once at startup
const db = await connect(process.env.DATABASE_URL);
await createWebSocketManager({ db });

export default db;

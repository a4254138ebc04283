import { connect } from "./db";

// connect once at startup
const db = connect(process.env.DATABASE_URL);
createWebSocketManager({ db });

export default db;

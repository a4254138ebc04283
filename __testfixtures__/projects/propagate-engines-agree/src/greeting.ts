import { accountName as nameOf } from "./accounts";

export const greeting = (id: number): string => `Hello, ${nameOf(id)}`;

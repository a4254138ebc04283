import { fetchAccount } from "./api";

export function accountName(id: number): string {
  return fetchAccount(id).name;
}

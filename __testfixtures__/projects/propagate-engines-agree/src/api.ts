export interface Account {
  readonly name: string;
}

export async function fetchAccount(id: number): Promise<Account> {
  return { name: `account ${id}` };
}

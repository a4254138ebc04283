import { accountName } from "./accounts";

export class Report {
  constructor(private readonly owner: number) {}

  title(): string {
    return `Report for ${accountName(this.owner)}`;
  }

  print(): void {
    console.log(this.title());
  }
}

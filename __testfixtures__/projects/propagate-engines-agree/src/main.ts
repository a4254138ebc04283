import draw from "./render";
import { greeting } from "./greeting";
import { Report } from "./report";

export function main(ids: number[]): void {
  console.log(draw(ids));
  ids.forEach((id) => console.log(greeting(id)));
  new Report(ids[0] ?? 0).print();
}

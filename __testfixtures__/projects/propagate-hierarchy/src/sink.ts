import type { Sink } from "./vendor";
import { lookupName } from "./directory";

export class VendorSink implements Sink {
  write(line: string): void {
    console.log(line, lookupName(1));
  }
}

export interface Sink {
  write(line: string): void;
}

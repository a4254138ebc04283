export interface PendingQuery extends Promise<number[]> {
  readonly count: number;
}

export declare function sql(strings: TemplateStringsArray, ...values: unknown[]): PendingQuery;
export declare function html(strings: TemplateStringsArray, ...values: unknown[]): string;

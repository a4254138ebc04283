// The shape of rxjs 7's `from` (its .d.ts): overloads whose parameter is a type parameter
// constrained by ObservableInput, a union that holds PromiseLike. This project's lib
// (es2017) has no AsyncIterable, so the union holds an unresolved name and the checker
// reads the whole constraint as `any` (skipLibCheck hides the error, as in real projects).
export interface Subscribable<T> {
  subscribe(next: (value: T) => void): void;
}
export interface InteropObservable<T> {
  "@@observable": () => Subscribable<T>;
}
export interface ReadableStreamLike<T> {
  getReader(): { read(): PromiseLike<{ done: boolean; value?: T }> };
}
export interface SchedulerLike {
  now(): number;
}
export declare class Observable<T> implements Subscribable<T> {
  subscribe(next: (value: T) => void): void;
}
export type ObservableInput<T> = Observable<T> | InteropObservable<T> | AsyncIterable<T> | PromiseLike<T> | ArrayLike<T> | Iterable<T> | ReadableStreamLike<T>;
export type ObservedValueOf<O> = O extends ObservableInput<infer T> ? T : never;

export declare function from<O extends ObservableInput<any>>(input: O): Observable<ObservedValueOf<O>>;
/** @deprecated */
export declare function from<O extends ObservableInput<any>>(input: O, scheduler: SchedulerLike | undefined): Observable<ObservedValueOf<O>>;

// A type parameter whose constraint takes no promise: passing one is a mistake.
export declare function label<T extends string | number>(value: T): string;
// A constraint that names an unresolved type and no promise: not a promise parameter either.
export declare function size<C extends ArrayLike<unknown> | AsyncIterable<unknown>>(value: C): number;

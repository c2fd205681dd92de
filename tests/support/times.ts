// Makes n of something at once (records, requests): the factory runs n times concurrently, given each index.
export const times = <T>(n: number, make: (index: number) => Promise<T>): Promise<T[]> =>
  Promise.all(Array.from({ length: n }, (_, index) => make(index)));

// The few statistics the benchmark reports: quantiles of a sample, and a ratio to its floor rounded to three places.

export const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

export const median = (values: number[]): number => quantile(values, 0.5);

export const ratio = (value: number, floor: number): number => Math.round((value / floor) * 1000) / 1000;

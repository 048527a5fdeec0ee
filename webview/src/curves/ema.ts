// TensorBoard-style debiased exponential moving average: early points are not dragged towards zero.
export function emaSmooth(values: (number | null)[], weight: number): (number | null)[] {
  if (weight <= 0) return values;
  let last = 0;
  let steps = 0;
  return values.map((value) => {
    if (value === null || !Number.isFinite(value)) return null;
    last = last * weight + (1 - weight) * value;
    steps++;
    return last / (1 - weight ** steps);
  });
}

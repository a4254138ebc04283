// With propagation off, a call without a sync variant in a sync function stays manual.
function readName(id: string): string {
  return load(id).name;
}

// Temporary: replaced by the real kernel.
export function registerWasmConv2DBackpropFilter(): void {}

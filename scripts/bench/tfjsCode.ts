// How a bundle is told to carry TensorFlow.js: its kernel registry or tfjs-core's own code. A package name in a
// message (e.g. "install @tensorflow/tfjs-node") is not code; the bench and test/unit/hostBundles.test.ts share this.
export const TFJS_CODE = /registerKernel|tfjs-core/;

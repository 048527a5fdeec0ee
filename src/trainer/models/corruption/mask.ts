// Blanks `boxes` random squares per image (side = size * image side) to 0: inpainting / watermark removal.
import * as tf from '@tensorflow/tfjs';
import type { Corruption } from './types';

export function randomBoxes(boxes: number, size: number): Corruption {
  return (clean, seed) =>
    tf.tidy(() => {
      const [batch, height, width] = clean.shape;
      const boxH = Math.max(1, Math.round(size * height));
      const boxW = Math.max(1, Math.round(size * width));
      // Top-left corners, uniform over the positions where the box fits: [batch, boxes, 1, 1].
      const u = tf.randomUniform([batch, boxes, 2], 0, 1, 'float32', seed);
      const [uTop, uLeft] = tf.split(u, 2, 2);
      const top = uTop.mul(height - boxH + 1).floor().reshape([batch, boxes, 1, 1]);
      const left = uLeft.mul(width - boxW + 1).floor().reshape([batch, boxes, 1, 1]);
      const rows = tf.range(0, height).reshape([1, 1, height, 1]);
      const cols = tf.range(0, width).reshape([1, 1, 1, width]);
      const inRows = rows.greaterEqual(top).logicalAnd(rows.less(top.add(boxH)));
      const inCols = cols.greaterEqual(left).logicalAnd(cols.less(left.add(boxW)));
      const covered = inRows.logicalAnd(inCols).toFloat().max(1).expandDims(3); // [batch, height, width, 1]
      return clean.mul(tf.scalar(1).sub(covered));
    });
}

// The vq-vae kind's Keras loss: a VectorQuantizer layer class matching the run's (src/trainer/models/vectorQuantizer.ts),
// registered so build_network deserialises the decoder's first layer, and the three loss parts the run logs.
import type { Experiment } from '../../protocol/experiment';
import type { LossSection } from './lossSection';
import { pythonLiteral } from '../python/pythonLiteral';

/** The trainer's default β (models/vqVae.ts), restated so this module stays free of tfjs; a test checks they agree. */
export const KERAS_COMMITMENT_COST = 0.25;

const QUANTIZER = `class VectorQuantizer(keras.layers.Layer):
    """The run's codebook layer: each position of z_e is replaced by the nearest of codebook_size code vectors,
    with straight-through gradients z_e + stop_gradient(q - z_e); the codebook is the layer's weight."""

    def __init__(self, codebook_size, **kwargs):
        super().__init__(**kwargs)
        self.codebook_size = codebook_size

    def build(self, input_shape):
        self.codebook = self.add_weight(
            name="codebook", shape=(self.codebook_size, input_shape[-1]), initializer="random_uniform"
        )

    def nearest(self, z):
        """The nearest code vectors (differentiable in the codebook only, through the gather)."""
        flat = tf.reshape(z, [-1, tf.shape(self.codebook)[1]])
        distances = tf.reduce_sum(tf.square(self.codebook), axis=1)[None, :] - 2.0 * tf.matmul(flat, self.codebook, transpose_b=True)
        return tf.reshape(tf.gather(self.codebook, tf.argmin(distances, axis=1)), tf.shape(z))

    def call(self, z):
        return z + tf.stop_gradient(self.nearest(z) - z)

    def get_config(self):
        return dict(super().get_config(), codebook_size=self.codebook_size)


# build_network deserialises layers by class name; this makes the decoder's "VectorQuantizer" this class.
keras.saving.get_custom_objects()["VectorQuantizer"] = VectorQuantizer`;

export function vqVaeLoss({ model }: Experiment): Omit<LossSection, 'parts' | 'variational' | 'helpers'> & { quantizer: string } {
  return {
    constants: [`COMMITMENT_COST = ${pythonLiteral(model.commitmentCost ?? KERAS_COMMITMENT_COST)}  # beta in recon + beta * ||z_e - sg(q)||^2 + ||sg(z_e) - q||^2`],
    quantizer: QUANTIZER,
    lossBody: `z_e = self.encoder(inputs, training=training)
quantizer = next(layer for layer in self.decoder.layers if isinstance(layer, VectorQuantizer))
q = quantizer.nearest(z_e)
commitment = COMMITMENT_COST * tf.reduce_mean(tf.square(z_e - tf.stop_gradient(q)))  # keeps the encoder near its codes
codebook = tf.reduce_mean(tf.square(tf.stop_gradient(z_e) - q))  # moves the codes towards the encoder's outputs
recon = reconstruction_loss(targets, self.decoder(z_e, training=training))  # the decoder quantizes z_e itself
return {"loss": recon + commitment + codebook, "recon_loss": recon, "commitment_loss": commitment, "codebook_loss": codebook}`,
    callBody: 'return self.decoder(self.encoder(inputs, training=training), training=training)',
    corrupts: false,
  };
}

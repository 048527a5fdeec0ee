// The script's model code: rebuilding a network from its layer list, the keras.Model subclass whose
// train_step/test_step compute the kind's loss, the optimizer, saving, and main().
import type { TrainingConfig } from '../../protocol/experiment';
import type { CallbacksSection } from './callbacksSection';
import type { LossSection } from './lossSection';
import { indentPython } from '../python/pythonLiteral';

export interface TrainSectionOptions {
  loss: LossSection;
  callbacks: CallbacksSection;
  optimizer: TrainingConfig['optimizer'];
  /** Whether the data comes from a file or folder (a --data flag), rather than keras.datasets. */
  takesPath: boolean;
}

// Keras defaults equal the tfjs ones the run used (Adam/RMSprop/Adadelta epsilon 1e-7, RMSprop rho 0.9, Adadelta rho 0.95).
const OPTIMIZERS: Record<TrainingConfig['optimizer'], string> = {
  adam: 'Adam',
  sgd: 'SGD',
  rmsprop: 'RMSprop',
  adadelta: 'Adadelta',
};

export const BUILD_NETWORK = `def build_network(spec):
    """A functional keras.Model from a layer list: each layer is deserialised from its config and called on
    the outputs of the layers it names."""
    tensors = {}
    for layer in spec["layers"]:
        config = dict(layer["config"], name=layer["name"])
        if layer["class_name"] == "InputLayer":
            batch_shape = config.get("batch_shape") or config.get("batch_input_shape")  # Keras 3 / Keras 2 and tfjs
            tensors[layer["name"]] = keras.Input(shape=tuple(batch_shape[1:]), dtype=config.get("dtype"), name=layer["name"])
            continue
        # "module" lets Keras 3 find a built-in layer in a config written without one (by tfjs or Keras 2).
        instance = keras.layers.deserialize({"module": "keras.layers", "class_name": layer["class_name"], "config": config})
        inputs = [tensors[name] for name in layer["inbound"]]
        tensors[layer["name"]] = instance(inputs[0] if len(inputs) == 1 else inputs)
    inputs = [tensors[name] for name in spec["inputs"]]
    outputs = [tensors[name] for name in spec["outputs"]]
    return keras.Model(
        inputs[0] if len(inputs) == 1 else inputs, outputs[0] if len(outputs) == 1 else outputs, name=spec["name"]
    )`;

export function trainSection({ loss, callbacks, optimizer, takesPath }: TrainSectionOptions): string {
  const trainInput = loss.corrupts ? 'corrupt(clean, None)' : 'clean';
  const testInput = loss.corrupts ? 'corrupt(clean, VALIDATION_NOISE_SEED)' : 'clean';
  return `class Autoencoder(keras.Model):
    """Encoder + decoder trained on the experiment's loss; fit() logs each named part (LOSS_PARTS)."""

    def __init__(self, encoder, decoder, **kwargs):
        super().__init__(**kwargs)
        self.encoder = encoder
        self.decoder = decoder
        self.trackers = [keras.metrics.Mean(name=name) for name in LOSS_PARTS]

    @property
    def metrics(self):
        # Listed here so fit() resets them each epoch and reports them for validation too.
        return self.trackers

    def call(self, inputs, training=False):
${indentPython(loss.callBody, 8)}

    def loss_parts(self, inputs, targets, training):
        """The minimised "loss" and its named parts, each a scalar."""
${indentPython(loss.lossBody, 8)}

    def train_step(self, data):
        clean = first_input(data)
        with tf.GradientTape() as tape:
            parts = self.loss_parts(${trainInput}, clean, training=True)
            # tf.distribute sums gradients over replicas: dividing keeps a step the same as on one device.
            scaled = parts["loss"] / self.distribute_strategy.num_replicas_in_sync
        gradients = tape.gradient(scaled, self.trainable_weights)
        self.optimizer.apply_gradients(zip(gradients, self.trainable_weights))
        return self.report(parts, clean)

    def test_step(self, data):
        clean = first_input(data)
        return self.report(self.loss_parts(${testInput}, clean, training=False), clean)

    def report(self, parts, batch):
        weight = tf.shape(batch)[0]  # batch means, weighted by batch size, so epoch values are per-sample means
        for tracker in self.trackers:
            tracker.update_state(parts[tracker.name], sample_weight=weight)
        return {tracker.name: tracker.result() for tracker in self.trackers}


def first_input(data):
    """fit() and evaluate() hand the steps a batch as x or as (x,)."""
    return data[0] if isinstance(data, (tuple, list)) else data


def make_optimizer():
    return keras.optimizers.${OPTIMIZERS[optimizer]}(learning_rate=LEARNING_RATE${callbacks.optimizerArguments})


${callbacks.code}


def save_models(model, out_dir):
    """encoder.keras, decoder.keras and autoencoder.keras (input -> reconstruction): plain functional models
    that keras.models.load_model() opens without this script."""
    os.makedirs(out_dir, exist_ok=True)
    model.encoder.save(os.path.join(out_dir, "encoder.keras"))
    model.decoder.save(os.path.join(out_dir, "decoder.keras"))
    inputs = keras.Input(shape=INPUT_SHAPE, name="autoencoder_input")
    code = model.encoder(inputs)${loss.variational ? '[0]  # z_mean' : ''}
    keras.Model(inputs, model.decoder(code), name="autoencoder").save(os.path.join(out_dir, "autoencoder.keras"))
    print(f"saved encoder.keras, decoder.keras and autoencoder.keras in {out_dir}")


def parse_args():
    parser = argparse.ArgumentParser(description=DESCRIPTION)
${takesPath ? '    parser.add_argument("--data", default=DATA_PATH, help=f"data file or folder (default: {DATA_PATH})")\n' : ''}    parser.add_argument("--epochs", type=int, default=EPOCHS, help=f"passes over the training set (default: {EPOCHS})")
    parser.add_argument("--out", default=OUT_DIR, help=f"folder for the trained .keras models (default: {OUT_DIR})")
    parser.add_argument("--mirrored", action="store_true", help="train on every local GPU (tf.distribute.MirroredStrategy)")
    return parser.parse_args()


def main():
    args = parse_args()
    keras.utils.set_random_seed(SEED)  # Python, NumPy and TensorFlow: shuffling and noise repeat run to run
    x_train, x_val = split(normalize(load_raw(${takesPath ? 'args.data' : ''})))
    print(f"{len(x_train)} training and {len(x_val)} validation samples of shape {INPUT_SHAPE}")
    # Variables must be created inside the strategy's scope; the default strategy is the one local device.
    strategy = tf.distribute.MirroredStrategy() if args.mirrored else tf.distribute.get_strategy()
    with strategy.scope():
        model = Autoencoder(build_network(ENCODER), build_network(DECODER), name="autoencoder_trainer")
        model.compile(optimizer=make_optimizer())
    model.fit(
        x_train,
        batch_size=BATCH_SIZE,  # the global batch: split over the replicas with --mirrored
        epochs=args.epochs,
        shuffle=True,
        validation_data=(x_val,) if len(x_val) else None,
        callbacks=make_callbacks(len(x_val) > 0),
    )
    save_models(model, args.out)


if __name__ == "__main__":
    main()`;
}

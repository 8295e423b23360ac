/**
 * Run configuration in the original UniDefense YAML schema.
 *
 * <p>A run is described by a <b>model file</b> ({@code --config}) with three blocks and a
 * <b>dataset file</b> it names in {@code data.file}:
 * <ul>
 *   <li>{@code model:} &rarr; {@link org.unidefense.config.ModelConfig} (network and every constructor argument,
 *       defaults from {@link org.unidefense.config.ModelArch}; built by {@code model.ModelRegistry});</li>
 *   <li>{@code config:} &rarr; {@link org.unidefense.config.TrainConfig} (losses, optimizer, scheduler, crop,
 *       run id; {@link org.unidefense.config.OptimizerSpec}, {@link org.unidefense.config.SchedulerSpec});</li>
 *   <li>{@code data:} &rarr; {@link org.unidefense.config.DataConfig} (batch sizes, workers, dataset file);</li>
 *   <li>the dataset file &rarr; a {@link org.unidefense.config.DatasetConfig}: forgery (FE), OCIM or UniAttack (UE),
 *       each with the shared {@link org.unidefense.config.DatasetCommon} (root, schedule, transforms).</li>
 * </ul>
 * {@link org.unidefense.config.ConfigLoader#load(java.nio.file.Path, org.unidefense.config.ConfigOverrides)}
 * returns all of it as a {@link org.unidefense.config.ResolvedConfig}. Every record component's
 * documentation names the YAML key it comes from and its default.
 *
 * <p>Validation is stage-aware, like the reference: keys that only training reads (optimizer,
 * batch sizes, step counts, debug, distribute) are required for training, {@code config.id} and
 * {@code test_batch_size} for testing. Unknown keys are warnings, never errors, so files written for
 * later versions still load. Values from a fixed vocabulary ({@code coral}, {@code precision}) are
 * parsed once into their enum ({@link org.unidefense.config.ConfigChoice}); a stored {@code model:}
 * block (checkpoint, saved run config) is read by the same reader
 * ({@link org.unidefense.config.ModelConfig#fromStored}).
 */
package org.unidefense.config;

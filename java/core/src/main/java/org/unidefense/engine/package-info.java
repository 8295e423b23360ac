/**
 * Training and evaluation runs, as the reference's engines: a step loop
 * ({@link org.unidefense.engine.TrainingLoop}) over any {@link org.unidefense.train.Training}
 * (UniDefense's two-pass step, RECCE's single pass) whose logs, best-model selection and
 * checkpoints are {@link org.unidefense.engine.TrainingListener}s; protocol-specific data streams,
 * validation, threshold rules and best-model rules ({@link org.unidefense.engine.ForgeryProtocol FE},
 * {@link org.unidefense.engine.OcimProtocol OCIM}, {@link org.unidefense.engine.UniAttackProtocol UE});
 * and run directories with resumable checkpoints.
 */
package org.unidefense.engine;

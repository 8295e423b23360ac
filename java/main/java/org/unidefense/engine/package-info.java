/**
 * Training and evaluation runs, as the reference's engines: a step loop over a two-pass trainer,
 * protocol-specific data streams, validation, threshold rules and best-model selection
 * ({@link org.unidefense.engine.ForgeryProtocol FE}, {@link org.unidefense.engine.OcimProtocol OCIM},
 * {@link org.unidefense.engine.UniAttackProtocol UE}), and run directories with resumable checkpoints.
 */
package org.unidefense.engine;

/**
 * Readers of the datasets' official on-disk layouts, following the reference's {@code dataset/*.py}:
 * FaceForensics++ ({@link org.unidefense.data.dataset.FaceForensicsReader}), Celeb-DF v2
 * ({@link org.unidefense.data.dataset.CelebDfReader}), WildDeepfake
 * ({@link org.unidefense.data.dataset.WildDeepfakeReader}), DFDC (RECCE's reader,
 * {@link org.unidefense.data.dataset.DfdcReader}), OCIM
 * ({@link org.unidefense.data.dataset.OcimReader}) and UniAttack
 * ({@link org.unidefense.data.dataset.UniAttackReader}). Index files are {@code torch.save} files
 * read with {@link org.unidefense.checkpoint.TorchSaveFile}.
 *
 * <p>{@link org.unidefense.data.dataset.SplitIndexBuilder} turns a dataset file into the parts each
 * engine builds. Where this differs from the reference:
 * <ul>
 *   <li>Celeb-DF videos and frames are listed in sorted order (the reference iterates a Python set
 *       and glob results, whose order changes between runs), and labels come from the method rather
 *       than from the substring {@code real} anywhere in the absolute path;</li>
 *   <li>FF++, Celeb-DF and WildDeepfake with {@code use_lmdb: true} read {@code <root>/lmdb/<lmdb>}
 *       keyed by the item path; the reference opens that store but then fails to derive a key for
 *       these paths, so it cannot run them from LMDB at all;</li>
 *   <li>every error (missing index file, store or key, unknown method, empty part) is a
 *       {@link org.unidefense.UserInputException} naming the file, key or item.</li>
 * </ul>
 */
package org.unidefense.data.dataset;

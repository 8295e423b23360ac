/**
 * {@code unidefense prepare}: from downloaded datasets (FaceForensics++, Celeb-DF v2, the OCIM
 * domains) or a user's own media to the layouts the reference's loaders read. {@link
 * org.unidefense.prepare.FaceCropper} cuts faces out of evenly spaced frames, {@link
 * org.unidefense.prepare.PrepareRun} runs it over many videos with worker threads, resumably, and
 * one preparer per dataset writes the index files; {@link org.unidefense.prepare.SyntheticDownloads}
 * writes small download trees of rendered people to try it on. See docs/datasets.md.
 */
package org.unidefense.prepare;

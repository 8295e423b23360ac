/**
 * Image stores: files under a directory ({@link org.unidefense.data.store.FolderImageStore}) and
 * read-only LMDB environments opened once per process ({@link org.unidefense.data.store.LmdbImageStore},
 * lmdbjava with its byte-array proxy, so no {@code --add-opens} is needed), and a deterministic
 * LMDB writer ({@link org.unidefense.data.store.LmdbWriter}).
 */
package org.unidefense.data.store;

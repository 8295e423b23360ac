package org.unidefense.data.loader;

/** What the loader does with an item that cannot be read, decoded, cropped or transformed. */
public enum OnError {
    /** Stop with an error naming the item. */
    FAIL,
    /** Log it, count it, and load the next item of the dataset in its place. */
    SKIP
}

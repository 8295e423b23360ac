package org.unidefense.profile;

/** One sample of a process counter (a trace-event "C" event), e.g. resident memory in MB. */
public record CounterSample(String name, long timeNanos, double value) {
}

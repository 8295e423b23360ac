package org.unidefense.prepare;

/** What preparing one video gave: its record, or a failure to read it. */
public sealed interface VideoOutcome permits VideoRecord, PrepareRun.Failure {
}

package io.reelrank.tools.replay;

/**
 * One line of an input file, ready to send. {@code readable} is false when the line is not a
 * contract record (bad JSON, a CSV row of the wrong width, no key or time): it is sent as it
 * was, unkeyed, at the event time of the line before it, and the job dead-letters it.
 */
record ReplayRecord(InputKind kind, String key, byte[] value, long eventTs, boolean readable, String origin) {}

/**
 * Data minimisation on the job's outputs: user ids replaced by keyed pseudonyms ({@link
 * UserIdPseudonyms}) and raw payloads cut ({@link DeadLetterRedaction}) before dead letters and
 * feature-log lines leave the job. Operators inside the job keep the real ids, which keyed state
 * needs; only what is written out changes.
 */
package io.reelrank.udf.privacy;

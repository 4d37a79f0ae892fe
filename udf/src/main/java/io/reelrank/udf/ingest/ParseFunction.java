package io.reelrank.udf.ingest;

import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.RankRequest;
import io.reelrank.udf.contract.Topics;
import io.reelrank.udf.contract.Video;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Parses raw input records: each one comes out either as a contract record on the main output
 * or as a {@link io.reelrank.udf.contract.DeadLetter} on {@link DeadLetters#TAG}, never both,
 * never neither. The counters {@code recordsIn}, {@code recordsParsed} and {@code
 * recordsDeadLettered} (group {@code source=<name>}) let dashboards check that in = parsed + dead.
 *
 * <p>Two options change what comes out: {@link #withMaxFutureSkew} also rejects records whose
 * event time is too far ahead of the wall clock (see {@link FutureSkew}), and {@link #withOrigin}
 * hands each record on together with where it came from.
 */
public class ParseFunction<T> extends ProcessFunction<RawRecord, T> implements ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    /** Combines a parsed record with its origin into what the stream carries. */
    @FunctionalInterface
    public interface WithOrigin<R, T> extends Serializable {
        T apply(R record, RecordOrigin origin);
    }

    private final String sourceName;
    private final Reader<?, T> reader;

    private transient Counter recordsIn;
    private transient Counter recordsParsed;
    private transient Counter recordsDeadLettered;

    public ParseFunction(String sourceName, RecordParser<T> parser) {
        this(sourceName, new Reader<>(Objects.requireNonNull(parser, "parser"), FutureSkew.NONE, (record, raw) -> record,
                parser.recordType()));
    }

    private ParseFunction(String sourceName, Reader<?, T> reader) {
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        this.reader = reader;
    }

    public static ParseFunction<Engagement> engagements() {
        return new ParseFunction<>(Topics.ENGAGEMENTS, new EngagementParser());
    }

    public static ParseFunction<Video> videos() {
        return new ParseFunction<>(Topics.VIDEOS, new VideoParser());
    }

    public static ParseFunction<RankRequest> rankRequests() {
        return new ParseFunction<>(Topics.RANK_REQUESTS, new RankRequestParser());
    }

    /** This parsing, also dead-lettering records whose event time is more than {@code max} ahead of the wall clock. */
    public ParseFunction<T> withMaxFutureSkew(Duration max) {
        return new ParseFunction<>(sourceName, reader.withFutureSkew(new FutureSkew(max.toMillis())));
    }

    /** This parsing, with each record handed on as {@code output.apply(record, origin)}, of class {@code type}. */
    public <O> ParseFunction<O> withOrigin(Class<O> type, WithOrigin<T, O> output) {
        return new ParseFunction<>(sourceName, reader.then(type, output));
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("source", sourceName);
        recordsIn = metrics.counter("recordsIn");
        recordsParsed = metrics.counter("recordsParsed");
        recordsDeadLettered = metrics.counter("recordsDeadLettered");
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<T> out) {
        recordsIn.inc();
        long now = ctx.timerService().currentProcessingTime();
        ParseResult<T> result = reader.read(raw, now);
        if (result.isOk()) {
            out.collect(result.value());
            recordsParsed.inc();
        } else {
            ctx.output(DeadLetters.TAG, DeadLetters.of(raw, result.reason(), now));
            recordsDeadLettered.inc();
        }
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(reader.type);
    }

    /** What one parsed record {@code R} becomes on the stream, given the raw record it came from. */
    private interface Output<R, T> extends Serializable {
        T apply(R record, RawRecord raw);
    }

    /** Parser, future bound and output of one stream, typed by the record {@code R} the parser makes. */
    private record Reader<R, T>(RecordParser<R> parser, FutureSkew futureSkew, Output<R, T> output, Class<T> type)
            implements Serializable {

        ParseResult<T> read(RawRecord raw, long now) {
            ParseResult<R> parsed = parser.parse(raw.value());
            if (!parsed.isOk()) {
                return ParseResult.rejected(parsed.reason());
            }
            String tooFarAhead = futureSkew.violation(parser.eventTimeField(), parser.eventTime(parsed.value()), now);
            if (tooFarAhead != null) {
                return ParseResult.rejected(tooFarAhead);
            }
            return ParseResult.ok(output.apply(parsed.value(), raw));
        }

        Reader<R, T> withFutureSkew(FutureSkew skew) {
            return new Reader<>(parser, skew, output, type);
        }

        <O> Reader<R, O> then(Class<O> next, WithOrigin<T, O> after) {
            Output<R, O> chained = (record, raw) -> after.apply(output.apply(record, raw), RecordOrigin.of(raw));
            return new Reader<>(parser, futureSkew, chained, next);
        }
    }
}

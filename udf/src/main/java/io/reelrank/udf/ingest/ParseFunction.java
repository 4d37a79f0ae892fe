package io.reelrank.udf.ingest;

import io.reelrank.udf.contract.Engagement;
import io.reelrank.udf.contract.RankRequest;
import io.reelrank.udf.contract.Topics;
import io.reelrank.udf.contract.Video;
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
 */
public class ParseFunction<T> extends ProcessFunction<RawRecord, T> implements ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final String sourceName;
    private final RecordParser<T> parser;

    private transient Counter recordsIn;
    private transient Counter recordsParsed;
    private transient Counter recordsDeadLettered;

    public ParseFunction(String sourceName, RecordParser<T> parser) {
        this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
        this.parser = Objects.requireNonNull(parser, "parser");
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
        ParseResult<T> result = parser.parse(raw.value());
        if (result.isOk()) {
            out.collect(result.value());
            recordsParsed.inc();
        } else {
            long now = ctx.timerService().currentProcessingTime();
            ctx.output(DeadLetters.TAG, DeadLetters.of(raw, result.reason(), now));
            recordsDeadLettered.inc();
        }
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(parser.recordType());
    }
}

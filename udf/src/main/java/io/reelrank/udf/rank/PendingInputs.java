package io.reelrank.udf.rank;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.streaming.api.TimerService;

/**
 * The ranker's event-time alignment buffer: in aligned mode a user's inputs wait here, in keyed
 * list state with an event-time timer at each input's time, until the watermark reaches them,
 * and come back in {@link UserInput#EVENT_TIME_ORDER}. An emptied buffer holds no state.
 */
final class PendingInputs {
    /** The list state's name, as savepoints know it. */
    static final String STATE_NAME = "pending-inputs";

    private final ListState<UserInput> inputs;

    PendingInputs(RuntimeContext context) {
        this.inputs = context.getListState(new ListStateDescriptor<>(STATE_NAME, UserInput.class));
    }

    /** Holds the current user's {@code input} until the watermark reaches its time. */
    void hold(UserInput input, TimerService timers) throws Exception {
        inputs.add(input);
        timers.registerEventTimeTimer(input.ts());
    }

    /** Takes the current user's inputs at or before {@code timestamp} out of the buffer, in event-time order. */
    List<UserInput> takeDue(long timestamp) throws Exception {
        List<UserInput> due = new ArrayList<>();
        List<UserInput> later = new ArrayList<>();
        for (UserInput input : inputs.get()) {
            (input.ts() <= timestamp ? due : later).add(input);
        }
        if (!due.isEmpty()) {
            inputs.update(later);
            due.sort(UserInput.EVENT_TIME_ORDER);
        }
        return due;
    }
}

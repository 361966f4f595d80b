package dev.tributary.webrtc.dtls;

import java.util.List;

/** Counts live platform threads, leaving out the virtual-thread scheduler's pooled carriers. */
final class ThreadCensus {

    private ThreadCensus() {}

    static List<String> platformThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !thread.isVirtual())
                .filter(thread -> thread.getThreadGroup() == null
                        || !"CarrierThreads".equals(thread.getThreadGroup().getName()))
                .map(Thread::getName)
                .sorted()
                .toList();
    }
}

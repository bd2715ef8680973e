package io.catalog.graph.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/** p50 and p99 of one request sent over and over by one client, after a warm-up: the benchmarks' read figures. */
record Latencies(int requests, double p50Millis, double p99Millis) {

    /** Sends {@code request} {@code warmUp} times unmeasured, then {@code n} times measured. */
    static Latencies measure(HttpClient http, HttpRequest request, int warmUp, int n) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        }
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            http.send(request, HttpResponse.BodyHandlers.discarding());
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return new Latencies(n, nanos[n / 2] / 1e6, nanos[(int) (n * 0.99)] / 1e6);
    }
}

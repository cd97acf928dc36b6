package org.therapygroups.devstack.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.therapygroups.devstack.RunningStack;
import org.therapygroups.devstack.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway benchmark behind {@code ./bench gateway}: the same authenticated request,
 * {@code GET /api/sessions/me} with a real token, straight to sessions-service and
 * through the gateway, side by side in alternating rounds. Throughput is measured with
 * several clients at once, the latency a single caller sees with one; the figures are the
 * ratio of the throughputs and the milliseconds the gateway adds at p50. The stack of
 * this benchmark lifts the gateway's rate limits (their check still runs on every
 * request), or the limit would be what is measured. With {@code -Dbench.size=smoke}
 * ({@code ./test} runs it so) one short round.
 */
@ExtendWith(RunningStack.class)
class GatewayBenchmark {

	private static final Size SIZE = "smoke".equals(System.getProperty("bench.size")) ? Size.SMOKE : Size.FULL;

	private static final int CLIENTS = 4;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void gatewayAgainstDirect() throws Exception {
		HttpRequest direct = request(true);
		HttpRequest gateway = request(false);
		assertThat(send(direct)).isEqualTo(send(gateway));

		// warm-up: connections opened, classes loaded, hot paths compiled on both sides
		load(direct, SIZE.warmup());
		load(gateway, SIZE.warmup());

		List<String> figures = new ArrayList<>();
		double[] directRates = new double[SIZE.rounds()];
		double[] gatewayRates = new double[SIZE.rounds()];
		List<Long> directLatencies = new ArrayList<>();
		List<Long> gatewayLatencies = new ArrayList<>();
		for (int round = 0; round < SIZE.rounds(); round++) {
			// alternate which side goes first, so neither always meets a warmer machine
			boolean directFirst = round % 2 == 0;
			for (boolean isDirect : directFirst ? new boolean[] { true, false } : new boolean[] { false, true }) {
				// a fresh token each time: tokens live five minutes, the whole run longer
				HttpRequest request = request(isDirect);
				double rate = load(request, SIZE.requests());
				(isDirect ? directLatencies : gatewayLatencies).addAll(sequential(request, SIZE.sequential()));
				(isDirect ? directRates : gatewayRates)[round] = rate;
			}
			figures.add(String.format(Locale.ROOT, "round %d: direct %.0f req/s, gateway %.0f req/s (%.2fx)", round + 1,
					directRates[round], gatewayRates[round], gatewayRates[round] / directRates[round]));
		}
		double directRate = median(directRates);
		double gatewayRate = median(gatewayRates);
		double directP50 = percentile(directLatencies, 50);
		double gatewayP50 = percentile(gatewayLatencies, 50);
		figures.add(String.format(Locale.ROOT,
				"throughput, %d clients, median of %d rounds of %d requests: direct %.0f req/s, gateway %.0f req/s, "
						+ "ratio %.2f (target >= 0.50)",
				CLIENTS, SIZE.rounds(), SIZE.requests(), directRate, gatewayRate, gatewayRate / directRate));
		figures.add(String.format(Locale.ROOT,
				"latency, one caller, %d requests per side: direct p50 %.2f ms p99 %.2f ms, gateway p50 %.2f ms "
						+ "p99 %.2f ms; added at p50 %.2f ms (target <= 1 ms)",
				directLatencies.size(), directP50, percentile(directLatencies, 99), gatewayP50,
				percentile(gatewayLatencies, 99), gatewayP50 - directP50));

		System.out.println();
		System.out.println("== gateway benchmark ==");
		figures.forEach(System.out::println);
	}

	/**
	 * Sends {@code count} requests from {@link #CLIENTS} callers at once; answers per
	 * second.
	 */
	private double load(HttpRequest request, int count) throws Exception {
		AtomicInteger left = new AtomicInteger(count);
		long started = System.nanoTime();
		try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
			List<Future<?>> callers = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				callers.add(pool.submit(() -> {
					while (left.getAndDecrement() > 0) {
						send(request);
					}
					return null;
				}));
			}
			for (Future<?> caller : callers) {
				caller.get();
			}
		}
		return count / ((System.nanoTime() - started) / 1e9);
	}

	private List<Long> sequential(HttpRequest request, int count) throws Exception {
		List<Long> latencies = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			long started = System.nanoTime();
			send(request);
			latencies.add(System.nanoTime() - started);
		}
		return latencies;
	}

	private String send(HttpRequest request) throws Exception {
		HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	/**
	 * {@code GET /api/sessions/me} with a real token, straight to the service or through
	 * the gateway.
	 */
	private static HttpRequest request(boolean direct) {
		String base = direct ? "http://127.0.0.1:" + RunningStack.config().sessionsPort()
				: RunningStack.config().gatewayUrl();
		return HttpRequest.newBuilder(URI.create(base + "/api/sessions/me"))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + Tokens.forUser("therapist1"))
			.GET()
			.build();
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static double percentile(List<Long> nanos, int p) {
		List<Long> sorted = new ArrayList<>(nanos);
		sorted.sort(null);
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index)) / 1e6;
	}

	/**
	 * Requests per side: a warm-up, then per round a burst from several callers and a run
	 * of single calls.
	 */
	record Size(int warmup, int rounds, int requests, int sequential) {

		// the services run both JIT compilers: a long warm-up, so that the rounds measure
		// compiled code on both sides rather than how fast each side compiles
		static final Size FULL = new Size(30000, 5, 8000, 1000);

		static final Size SMOKE = new Size(20, 1, 40, 20);

	}

}

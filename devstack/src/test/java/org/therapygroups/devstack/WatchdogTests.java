package org.therapygroups.devstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's watchdog with real processes: a killed process is reported with its exit
 * status and log, started again with a new pid file, and one that keeps crashing is given
 * up on.
 */
class WatchdogTests {

	@TempDir
	Path data;

	private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();

	private final PrintStream out = new PrintStream(this.terminal, true, StandardCharsets.UTF_8);

	@Test
	void aKilledProcessIsReportedAndStartedAgain() throws Exception {
		Component sleeper = component("sleeper", "echo sleeping; exec sleep 120");
		sleeper.start();
		CompletableFuture<String> gaveUp = new CompletableFuture<>();
		Watchdog watchdog = new Watchdog(List.of(sleeper), this.out, Duration.ofSeconds(30), gaveUp::complete);
		Thread thread = Thread.ofPlatform().daemon().start(watchdog);
		try {
			ProcessHandle first = sleeper.handle().orElseThrow();
			first.destroyForcibly();
			awaitTrue(() -> sleeper.handle().map(ProcessHandle::pid).filter((pid) -> pid != first.pid()).isPresent()
					&& sleeper.alive());
			long second = sleeper.handle().orElseThrow().pid();
			assertThat(Files.readString(sleeper.pidFile()).strip()).isEqualTo(Long.toString(second));
			assertThat(this.terminal.toString(StandardCharsets.UTF_8))
				.contains("sleeper died (exit status 137, SIGKILL)", "| sleeping", "restarting sleeper in 1 s");
			assertThat(gaveUp).isNotDone();
		}
		finally {
			watchdog.stop();
			thread.join();
			sleeper.stop(Duration.ofSeconds(5));
		}
	}

	@Test
	void aProcessThatKeepsCrashingIsGivenUpOn() throws Exception {
		Component crasher = component("crasher", "echo cannot start; exit 3");
		crasher.start();
		CompletableFuture<String> gaveUp = new CompletableFuture<>();
		Watchdog watchdog = new Watchdog(List.of(crasher), this.out, Duration.ofSeconds(30), gaveUp::complete);
		Thread.ofPlatform().daemon().start(watchdog);
		// back-offs of 1, 2 and 4 s before the fourth crash
		String reason = gaveUp.get(60, TimeUnit.SECONDS);
		assertThat(reason).startsWith("crasher crashed " + Watchdog.MAX_CRASHES + " times");
		assertThat(this.terminal.toString(StandardCharsets.UTF_8)).contains("crasher died (exit status 3)",
				"restarting crasher in 1 s", "restarting crasher in 2 s", "restarting crasher in 4 s");
	}

	private Component component(String name, String script) throws Exception {
		StackConfig config = new StackConfig(this.data, this.data, 0, Optional.empty(), Optional.empty(),
				Optional.empty(), Duration.ofSeconds(30), false);
		config.createDirectories();
		return new Component(name, config) {
			@Override
			List<Integer> ports() {
				return List.of();
			}

			@Override
			List<String> command() {
				return List.of("/bin/sh", "-c", script);
			}

			@Override
			boolean healthy() {
				return alive();
			}

			@Override
			String address() {
				return name;
			}
		};
	}

	private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(30);
		while (!condition.getAsBoolean()) {
			assertThat(Instant.now()).as("waited 30 s").isBefore(deadline);
			Thread.sleep(100);
		}
	}

}

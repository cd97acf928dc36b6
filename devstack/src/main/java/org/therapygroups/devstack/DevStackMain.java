package org.therapygroups.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.therapygroups.devstack.demo.DemoData;
import org.therapygroups.devstack.demo.DemoException;
import org.therapygroups.devstack.demo.DemoSize;

/**
 * The command line behind {@code ./run}: {@code up} (default) starts the stack and keeps
 * it running until Ctrl-C; {@code check} starts it, prints the start time and memory, and
 * stops; {@code stop} stops a stack started from another terminal. {@code --demo} loads
 * the demo program once the stack is healthy ({@link DemoData}); {@code demo} loads it
 * into a stack that is running already.
 */
public final class DevStackMain {

	private static final List<String> DEMO_USERS = List.of("therapist1", "patient1", "director1");

	private DevStackMain() {
	}

	public static void main(String[] args) throws Exception {
		String mode = "up";
		Path root = Path.of(System.getProperty("therapy.root", "")).toAbsolutePath();
		Path dataDir = null;
		int portOffset = 0;
		boolean demo = false;
		DemoSize demoSize = DemoSize.FULL;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "up", "check", "stop", "demo" -> mode = args[i];
				case "--demo" -> demo = true;
				case "--demo-size" -> demoSize = demoSize(args[++i]);
				case "--data-dir" -> dataDir = Path.of(args[++i]).toAbsolutePath();
				case "--port-offset" -> portOffset = Integer.parseInt(args[++i]);
				default -> {
					System.err.println("unknown argument: " + args[i]);
					System.exit(2);
				}
			}
		}
		StackConfig config = StackConfig.fromEnvironment(root,
				Optional.ofNullable(dataDir).orElse(root.resolve(".data")), portOffset);
		PrintStream out = System.out;
		if (demo && mode.equals("up") && running(config)) {
			out.println("A stack is running already on " + config.gatewayUrl() + ": loading the demo data into it.");
			mode = "demo";
		}
		DemoSize size = demoSize;
		int exit = switch (mode) {
			case "stop" -> stop(config, out);
			case "check" -> check(config, out);
			case "demo" -> demoIntoRunning(config, size, out);
			default -> up(config, out, demo ? size : null);
		};
		System.exit(exit);
	}

	private static DemoSize demoSize(String text) {
		try {
			return DemoSize.parse(text);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("--demo-size: " + ex.getMessage());
			System.exit(2);
			return null;
		}
	}

	/** Whether this stack's gateway answers (started by another terminal). */
	private static boolean running(StackConfig config) {
		return Probes.httpOk(config.gatewayUrl() + "/actuator/health/readiness");
	}

	/** {@code ./run demo}: loads the demo program into the stack of another terminal. */
	private static int demoIntoRunning(StackConfig config, DemoSize size, PrintStream out) {
		if (!running(config)) {
			System.err.println("✗ no stack answers on " + config.gatewayUrl()
					+ ". Start one with ./run --demo, or ./run and then ./run demo (same --port-offset).");
			return 1;
		}
		return loadDemo(config, size, out) ? 0 : 1;
	}

	private static boolean loadDemo(StackConfig config, DemoSize size, PrintStream out) {
		try {
			new DemoData(config, size, out).load().print(out);
			return true;
		}
		catch (DemoException | IllegalArgumentException ex) {
			System.err.println("✗ demo data: " + ex.getMessage());
			System.err.println("  What was loaded stays; ./run demo loads the rest.");
			return false;
		}
		catch (RuntimeException ex) {
			// the stack stays up whatever went wrong with the demo data
			System.err.println("✗ demo data: " + ex);
			return false;
		}
	}

	private static int up(StackConfig config, PrintStream out, DemoSize demo) throws IOException, InterruptedException {
		out.println("Starting the local stack (data and logs in " + config.dataDir() + ")");
		Files.createDirectories(config.pidDir());
		Path launcherPid = config.pidDir().resolve("launcher.pid");
		Files.writeString(launcherPid, Long.toString(ProcessHandle.current().pid()));
		CountDownLatch stopped = new CountDownLatch(1);
		LocalStack stack;
		try {
			stack = LocalStack.start(config, out);
		}
		catch (StackException ex) {
			System.err.println("✗ " + ex.getMessage());
			Files.deleteIfExists(launcherPid);
			return 1;
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			out.println("Stopping the local stack…");
			stack.close();
			try {
				Files.deleteIfExists(launcherPid);
			}
			catch (IOException ignored) {
				// nothing left to stop
			}
			out.println("Stopped.");
			stopped.countDown();
		}, "stack-stop"));
		stack.gaveUp().thenRun(stopped::countDown);
		printReady(stack, out);
		if (demo != null) {
			out.println();
			loadDemo(config, demo, out);
			out.println();
		}
		out.println("Press Ctrl-C (or run ./run stop) to stop everything.");
		out.println("A component that dies is reported here and started again.");
		stopped.await();
		return stack.gaveUp().isDone() ? 1 : 0;
	}

	private static int check(StackConfig config, PrintStream out) {
		try (LocalStack stack = LocalStack.start(config, out)) {
			printReady(stack, out);
			Map<String, Long> rss = stack.residentMemory();
			long total = rss.values().stream().mapToLong(Long::longValue).sum()
					+ LocalStack.rss(ProcessHandle.current());
			out.println("Resident memory per component:");
			rss.forEach((name, bytes) -> out.printf("  %-17s %6.0f MiB%n", name, bytes / 1048576.0));
			out.printf("  %-17s %6.0f MiB%n", "launcher", LocalStack.rss(ProcessHandle.current()) / 1048576.0);
			out.printf("STACK_READY_SECONDS=%.1f%n", stack.startupTime().toMillis() / 1000.0);
			out.printf("STACK_READY_EPOCH_MS=%d%n", stack.readyAt().toEpochMilli());
			out.printf("STACK_RSS_MIB=%.0f%n", total / 1048576.0);
			return 0;
		}
		catch (StackException ex) {
			System.err.println("✗ " + ex.getMessage());
			return 1;
		}
	}

	private static void printReady(LocalStack stack, PrintStream out) {
		out.printf("%nAll components healthy in %.1f s.%n", stack.startupTime().toMillis() / 1000.0);
		out.println("  Gateway:   " + stack.config().gatewayUrl() + "   (API docs: " + stack.config().gatewayUrl()
				+ "/swagger-ui.html)");
		out.println("  Keycloak:  " + stack.config().keycloakUrl() + "   (realm " + StackConfig.REALM + ")");
		out.println("  Demo logins (local only), password Demo-pass-1:");
		DEMO_USERS.forEach((user) -> out.println("    " + user));
		out.println(
				"  A token for scripts: curl -s -d grant_type=password -d client_id=therapy-cli -d username=therapist1 "
						+ "-d password=Demo-pass-1 " + stack.config().issuer() + "/protocol/openid-connect/token");
	}

	/**
	 * Stops the launcher of another terminal (its shutdown hook stops everything it
	 * started), then anything a killed launcher left behind, found by its pid file.
	 */
	private static int stop(StackConfig config, PrintStream out) throws IOException {
		Path pids = config.pidDir();
		if (!Files.isDirectory(pids)) {
			out.println("Nothing to stop.");
			return 0;
		}
		Path launcher = pids.resolve("launcher.pid");
		readPid(launcher, config).ifPresent((process) -> {
			out.println("Stopping the stack (launcher pid " + process.pid() + ")…");
			process.destroy();
			process.onExit().orTimeout(120, java.util.concurrent.TimeUnit.SECONDS).exceptionally((ex) -> null).join();
		});
		try (var files = Files.list(pids)) {
			for (Path file : files.toList()) {
				readPid(file, config).ifPresent((process) -> {
					out.println("Stopping leftover " + file.getFileName() + " (pid " + process.pid() + ")");
					process.descendants().forEach(ProcessHandle::destroy);
					process.destroy();
					process.onExit().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).exceptionally((ex) -> {
						process.descendants().forEach(ProcessHandle::destroyForcibly);
						process.destroyForcibly();
						return null;
					}).join();
				});
				Files.deleteIfExists(file);
			}
		}
		out.println("Stopped.");
		return 0;
	}

	/** A pid counts only while its command line still mentions this stack's folders. */
	private static Optional<ProcessHandle> readPid(Path file, StackConfig config) {
		try {
			long pid = Long.parseLong(Files.readString(file).strip());
			return ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.filter((process) -> belongsToStack(process, config));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Every component's command line names the data folder (its jar, config or log path);
	 * the launcher's names its main class. A recycled pid of some other program names
	 * neither.
	 */
	private static boolean belongsToStack(ProcessHandle process, StackConfig config) {
		try {
			String cmdline = Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
			return cmdline.contains(config.dataDir().toString()) || cmdline.contains(DevStackMain.class.getName());
		}
		catch (IOException ex) {
			return false;
		}
	}

}

package org.therapygroups.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the whole local stack once for all end-to-end test classes, through the same
 * {@link LocalStack} that {@code ./run} uses, on ports offset by 5000 so a developer's
 * running stack is not disturbed. Keycloak's unpacked distribution is kept between runs;
 * every data store starts empty.
 */
public final class RunningStack implements BeforeAllCallback {

	/** Another offset lets two checkouts run their end-to-end tests at the same time. */
	public static final int PORT_OFFSET = Integer.getInteger("therapy.e2e.port-offset", 5000);

	private static volatile LocalStack stack;

	@Override
	public void beforeAll(ExtensionContext context) {
		context.getRoot()
			.getStore(ExtensionContext.Namespace.GLOBAL)
			.computeIfAbsent(RunningStack.class.getName(), (key) -> new Handle(start()), Handle.class);
	}

	public static StackConfig config() {
		return stack.config();
	}

	/** The running stack, for tests that crash its processes. */
	public static LocalStack stack() {
		return stack;
	}

	private static LocalStack start() {
		Path root = Path.of(System.getProperty("therapy.root", "..")).toAbsolutePath().normalize();
		// one folder per offset, so two runs on different offsets never share data
		Path data = root
			.resolve((PORT_OFFSET == 5000) ? "devstack/target/e2e-stack" : "devstack/target/e2e-stack-" + PORT_OFFSET);
		resetData(data);
		StackConfig defaults = StackConfig.fromEnvironment(root, data, PORT_OFFSET);
		// the tests always start their own infrastructure, whatever the shell points at
		StackConfig config = new StackConfig(root, data, PORT_OFFSET, java.util.Optional.empty(),
				java.util.Optional.empty(), java.util.Optional.empty(), defaults.startTimeout(), false);
		stack = LocalStack.start(config, System.out);
		return stack;
	}

	private static void resetData(Path data) {
		try {
			if (!Files.exists(data)) {
				return;
			}
			try (Stream<Path> entries = Files.list(data)) {
				for (Path entry : entries.toList()) {
					if (entry.getFileName().toString().equals("keycloak")) {
						deleteTree(entry.resolve("server/data"));
					}
					else {
						deleteTree(entry);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot reset " + data, ex);
		}
	}

	private static void deleteTree(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(path)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
	}

	private record Handle(LocalStack stack) implements AutoCloseable {

		@Override
		public void close() {
			this.stack.close();
		}

	}

}

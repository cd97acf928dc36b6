package org.therapygroups.platform.problem;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.context.annotation.Bean;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Dates and times the API accepts, in bodies and in query parameters: years 1 to 9999, as
 * RFC 3339 writes them. Java's own range reaches a billion years, where date arithmetic
 * and the database's millisecond dates overflow; such a value is refused as bad input
 * (400) before any code sees it.
 */
public class PlausibleTimes implements WebMvcConfigurer {

	private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");

	private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

	public static final String OUT_OF_RANGE = "must be a date between the years 1 and 9999";

	@Bean
	JacksonModule plausibleTimesModule() {
		SimpleModule module = new SimpleModule("plausible-times");
		module.setDeserializerModifier(new ValueDeserializerModifier() {

			@Override
			public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
					BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
				return TemporalAccessor.class.isAssignableFrom(description.getBeanClass()) ? new Checked(deserializer)
						: deserializer;
			}

		});
		return module;
	}

	@Override
	public void addFormatters(FormatterRegistry registry) {
		registry.addFormatterForFieldType(Instant.class, new Formatter<Instant>() {

			@Override
			public Instant parse(String text, Locale locale) {
				return requirePlausible(Instant.parse(text.strip()));
			}

			@Override
			public String print(Instant instant, Locale locale) {
				return instant.toString();
			}

		});
	}

	/**
	 * Whether a date or time is one the API works with.
	 * @param value a {@code java.time} value
	 * @return false for a year before 1 or after 9999
	 */
	public static boolean plausible(Object value) {
		if (value instanceof Instant instant) {
			return !instant.isBefore(FIRST) && !instant.isAfter(LAST);
		}
		if (value instanceof TemporalAccessor temporal && temporal.isSupported(ChronoField.YEAR)) {
			int year = temporal.get(ChronoField.YEAR);
			return year >= 1 && year <= 9999;
		}
		return true;
	}

	private static <T> T requirePlausible(T value) {
		if (!plausible(value)) {
			throw new DateTimeParseException(OUT_OF_RANGE, String.valueOf(value), 0);
		}
		return value;
	}

	/** The framework's reader for the type, then the range check. */
	private static final class Checked extends DelegatingDeserializer {

		Checked(ValueDeserializer<?> delegate) {
			super(delegate);
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
			return new Checked(delegate);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) {
			Object value = super.deserialize(parser, context);
			if (!plausible(value)) {
				return context.handleWeirdStringValue(handledType(), parser.getString(), OUT_OF_RANGE);
			}
			return value;
		}

	}

}

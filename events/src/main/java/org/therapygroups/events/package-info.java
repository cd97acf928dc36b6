/**
 * The shared event contract of the group-therapy platform: the only code the services
 * share.
 *
 * <h2>What is in here</h2>
 * <ul>
 * <li>{@link org.therapygroups.events.Events}: builds a CloudEvents 1.0 envelope from a
 * payload record and reads the typed payload back.</li>
 * <li>{@link org.therapygroups.events.EventJson}: the structured-mode JSON format
 * ({@code application/cloudevents+json}) of a whole envelope.</li>
 * <li>{@link org.therapygroups.events.EventTypes},
 * {@link org.therapygroups.events.Topics}, {@link org.therapygroups.events.EventSources}:
 * the names everybody must agree on.</li>
 * <li>Payload records in {@code identity} and {@code sessions}; Kafka serializers in
 * {@code kafka}; the consumer-side idempotency helper in {@code idempotency}.</li>
 * </ul>
 *
 * <h2>No clinical content, ever</h2> Events travel through Kafka, which is neither
 * encrypted at rest by the application nor access-audited. A payload therefore carries
 * identifiers, roles, display names, times, statuses and other metadata only. Note text,
 * themes, diagnoses, substances, risk assessments, free-text comments, or anything else a
 * clinician writes about a patient must <strong>never</strong> be put in a payload, an
 * extension attribute or a subject. E-mail addresses and passwords are also never put in
 * an event. Consumers that need content fetch it through the owning service's API, where
 * access is checked and audited.
 *
 * <h2>Runtime dependencies</h2> This library does not depend on Spring. It needs the
 * CloudEvents SDK and Jackson 2 ({@code com.fasterxml.jackson}). The Kafka classes need
 * {@code kafka-clients} and the MongoDB idempotency store needs
 * {@code mongodb-driver-sync}; both are optional dependencies that a service brings
 * itself.
 */
package org.therapygroups.events;

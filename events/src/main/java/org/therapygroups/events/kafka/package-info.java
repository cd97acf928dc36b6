/**
 * Kafka (de)serializers for structured-mode CloudEvents and the record-key rule. Needs
 * {@code kafka-clients} on the classpath (an optional dependency of this library).
 * <p>
 * Producer settings: {@code key.serializer=StringSerializer},
 * {@code value.serializer=}{@link org.therapygroups.events.kafka.StructuredCloudEventSerializer},
 * {@code acks=all}, {@code enable.idempotence=true}; build records with
 * {@link org.therapygroups.events.kafka.CloudEventRecords#toRecord(io.cloudevents.CloudEvent)}.
 * <p>
 * Consumer settings: {@code key.deserializer=StringDeserializer},
 * {@code value.deserializer=}{@link org.therapygroups.events.kafka.StructuredCloudEventDeserializer}
 * (with spring-kafka, wrap it in {@code ErrorHandlingDeserializer} so a poison record
 * goes to the error handler and on to {@code <topic>.dlt} instead of blocking the
 * partition), {@code enable.auto.commit=false} with commits after handling, and the
 * idempotency helper of {@code org.therapygroups.events.idempotency}.
 */
package org.therapygroups.events.kafka;

package org.tipmonitor.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.tipmonitor.compliance.SubmissionScreen;

/**
 * Producer interceptor of a State's client settings: stamps every record with the country its principal may report
 * on ({@value #COUNTRY_CONFIG}), which the topology checks against the submission's reporter.country
 * (REPORTER_NOT_AUTHORISED). Guards against a State client sending for another State by mistake; a client that
 * drops the interceptor is not stopped by it (see docs/security.md).
 */
public final class ReporterCountryInterceptor implements ProducerInterceptor<Object, Object> {

    public static final String COUNTRY_CONFIG = "tip.reporter.country";

    private byte[] country;

    @Override
    public void configure(final Map<String, ?> configs) {
        final Object value = configs.get(COUNTRY_CONFIG);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException(COUNTRY_CONFIG + " is required with " + getClass().getName());
        }
        country = value.toString().trim().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public ProducerRecord<Object, Object> onSend(final ProducerRecord<Object, Object> record) {
        record.headers().remove(SubmissionScreen.DECLARED_COUNTRY_HEADER);
        record.headers().add(SubmissionScreen.DECLARED_COUNTRY_HEADER, country);
        return record;
    }

    @Override
    public void onAcknowledgement(final RecordMetadata metadata, final Exception exception) {
        // nothing to do
    }

    @Override
    public void close() {
        // nothing held
    }
}

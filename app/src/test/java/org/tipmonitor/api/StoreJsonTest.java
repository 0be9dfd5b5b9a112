package org.tipmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.VersionedRecord;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Dimension;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.StatusCounts;
import org.tipmonitor.json.AvroJson;

/** What one instance sends another reads back as the same records. */
class StoreJsonTest {

    private static Cell cell(final ImplementationStatus status, final String submittedAt) {
        return Cell.newBuilder().setReporterType(ReporterType.STATE).setCountry("FRA").setRecommendationId("2013.10")
            .setStatus(status).setSubmissionId("s-" + status).setSubmittedAt(Instant.parse(submittedAt)).build();
    }

    private static ComplianceRow row(final String key, final int reported) {
        return ComplianceRow.newBuilder().setDimension(Dimension.COUNTRY).setReporterType(ReporterType.STATE)
            .setKey(key).setExpected(40).setReported(reported).setCounts(
                new StatusCounts(0, 0, reported, 0, 0, 0, 0, 0))
            .setApplicable(reported).setUpdatedAt(Instant.parse("2026-01-01T00:00:00Z")).build();
    }

    @Test
    void versionsKeepTheirValidityIntervalsAndOrder() {
        final List<VersionedRecord<Cell>> history = List.of(
            new VersionedRecord<>(cell(ImplementationStatus.IMPLEMENTED, "2015-01-01T00:00:00Z"),
                Instant.parse("2015-01-01T00:00:00Z").toEpochMilli()),
            new VersionedRecord<>(cell(ImplementationStatus.PLANNED, "2014-01-01T00:00:00Z"),
                Instant.parse("2014-01-01T00:00:00Z").toEpochMilli(),
                Instant.parse("2015-01-01T00:00:00Z").toEpochMilli()));

        final JsonNode wire = AvroJson.parse(AvroJson.mapper().valueToTree(StoreJson.versions(history)).toString());
        final List<VersionedRecord<Cell>> read = StoreJson.readVersions(wire, Cell.class);

        // VersionedRecord.equals does not compare validTo reliably (4.4.0); compare the parts.
        assertThat(read).extracting(VersionedRecord::value, VersionedRecord::timestamp, VersionedRecord::validTo)
            .containsExactlyElementsOf(history.stream()
                .map(v -> Tuple.tuple(v.value(), v.timestamp(), v.validTo())).toList());
        assertThat(wire.path("versions").get(1).path("validTo").asText()).isEqualTo("2015-01-01T00:00:00Z");
        assertThat(wire.path("versions").get(0).path("validTo").isNull()).isTrue();
        assertThat(StoreJson.readVersion(StoreJson.version(Optional.of(history.get(1))), Cell.class))
            .hasValueSatisfying(v -> assertThat(v.validTo()).isEqualTo(history.get(1).validTo()));
        assertThat(StoreJson.readVersion(StoreJson.version(Optional.empty()), Cell.class)).isEmpty();
    }

    @Test
    void rowsAndValuesRoundTrip() {
        final List<KeyValue<String, ComplianceRow>> rows =
            List.of(KeyValue.pair("STATE|DEU", row("DEU", 3)), KeyValue.pair("STATE|FRA", row("FRA", 5)));

        assertThat(StoreJson.readRows(StoreJson.rows(rows), ComplianceRow.class)).isEqualTo(rows);
        assertThat(StoreJson.readValue(StoreJson.value(Optional.of(row("FRA", 5))), ComplianceRow.class))
            .contains(row("FRA", 5));
        assertThat(StoreJson.readValue(StoreJson.value(Optional.empty()), ComplianceRow.class)).isEmpty();
        // The field names on the wire are the contract's.
        assertThat(StoreJson.rows(rows).path("rows").get(0).path("value").has("reportedByParties")).isTrue();
    }

    @Test
    void internalUrisEncodeKeysWithSeparators() {
        final Map<String, String> params = new LinkedHashMap<>();
        params.put("key", "STATE|FRA|2013.10");
        params.put("asOf", null);
        assertThat(RemoteStores.uri(new HostInfo("10.0.0.7", 7070), "cells", "history", params).toString())
            .isEqualTo("http://10.0.0.7:7070/internal/v1/stores/cells/history?key=STATE%7CFRA%7C2013.10");
        assertThat(RemoteStores.uri(new HostInfo("h", 1), "compliance-by-country", "rows", Map.of()).toString())
            .isEqualTo("http://h:1/internal/v1/stores/compliance-by-country/rows");
    }

    @Test
    void batchesOfManyKeysRoundTripAndKeysWithoutAVersionAreLeftOut() {
        final VersionedRecord<Cell> implemented = new VersionedRecord<>(
            cell(ImplementationStatus.IMPLEMENTED, "2015-01-01T00:00:00Z"),
            Instant.parse("2015-01-01T00:00:00Z").toEpochMilli());
        final VersionedRecord<Cell> planned = new VersionedRecord<>(cell(ImplementationStatus.PLANNED,
            "2014-01-01T00:00:00Z"), Instant.parse("2014-01-01T00:00:00Z").toEpochMilli(),
            Instant.parse("2015-01-01T00:00:00Z").toEpochMilli());
        final Map<String, VersionedRecord<Cell>> versions = new LinkedHashMap<>();
        versions.put("STATE|FRA|2013.10", implemented);
        versions.put("STATE|DEU|2013.10", null);
        final JsonNode versionsWire = AvroJson.parse(StoreJson.versionsByKey(versions).toString());
        final Map<String, VersionedRecord<Cell>> readVersions = StoreJson.readVersionsByKey(versionsWire, Cell.class);
        assertThat(readVersions).containsOnlyKeys("STATE|FRA|2013.10");
        assertThat(readVersions.get("STATE|FRA|2013.10").value()).isEqualTo(implemented.value());

        final Map<String, List<VersionedRecord<Cell>>> histories = new LinkedHashMap<>();
        histories.put("STATE|FRA|2013.10", List.of(implemented, planned));
        histories.put("STATE|DEU|2013.10", List.of());
        final Map<String, List<VersionedRecord<Cell>>> readHistories = StoreJson.readHistoriesByKey(
            AvroJson.parse(StoreJson.historiesByKey(histories).toString()), Cell.class);
        assertThat(readHistories.get("STATE|DEU|2013.10")).isEmpty();
        assertThat(readHistories.get("STATE|FRA|2013.10")).extracting(VersionedRecord::value, VersionedRecord::validTo)
            .containsExactly(Tuple.tuple(implemented.value(), Optional.empty()),
                Tuple.tuple(planned.value(), planned.validTo()));

        final JsonNode request = AvroJson.parse(StoreJson.batchRequest(List.of("a", "b|c"),
            Instant.parse("2016-06-30T00:00:00Z")).toString());
        assertThat(StoreJson.readBatchKeys(request)).containsExactly("a", "b|c");
        assertThat(request.path("asOf").asText()).isEqualTo("2016-06-30T00:00:00Z");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StoreJson.readBatchKeys(AvroJson.parse("{\"keys\": [1]}")))
            .isInstanceOf(ApiException.class).hasMessageStartingWith("keys:");
    }
}

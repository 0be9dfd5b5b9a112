package org.tipmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.avro.GlotipRow;
import org.tipmonitor.cli.ExportCommandAccess;
import org.tipmonitor.cycles.CycleCalendar;
import org.tipmonitor.cycles.GlotipCsv;
import org.tipmonitor.runtime.TipMonitorApp;
import org.tipmonitor.statistics.GlotipScenario;
import org.tipmonitor.statistics.GlotipStatistics;
import org.tipmonitor.topology.channels.Topics;

/**
 * End to end on the in-JVM broker with the real reference data: {@link GlotipScenario}'s statistics from three
 * States (a correction, a late arrival, a submission after the cut-off, one at the cut-off instant, a total its own
 * parts contradict, parts-only totals, a citizenship breakdown, an NGO's refused figures) are produced to
 * tip.submissions as a client would, and the 2024 edition's Global Report rows come out exactly as the scenario's
 * hand computation (stated in that class) says: over HTTP, with {@code tip-monitor export glotip}, and on
 * tip.report.glotip read to its end.
 */
@Tag("integration")
class StatisticsFeedIT {

    @TempDir
    static Path dir;

    private static ApiTestCluster cluster;
    private static TipMonitorApp app;
    private static HttpTestClient http;

    @BeforeAll
    static void start() {
        cluster = new ApiTestCluster();
        app = ApiTestCluster.startReady(cluster.app("statistics-feed-it", dir.resolve("state"))
            .streamsOverrides(Map.of(CycleCalendar.SNAPSHOT_INTERVAL, "PT1S")).build());
        http = new HttpTestClient(app.httpUrl());
    }

    @AfterAll
    static void stop() {
        ApiTestCluster.closeBoth(app, cluster);
    }

    @Test
    void theEdition2024IsTheHandComputationOverHttpTheCliAndTheTopic() throws IOException {
        cluster.produce(GlotipScenario.submissions());
        final String expected = GlotipCsv.HEADER + "\r\n" + GlotipScenario.EXPECTED_2024;

        final String csv = ApiTestCluster.await("the 2024 glotip.csv to hold every State's rows",
            () -> http.get("/api/v1/cycles/2024/glotip.csv").body(), body -> body.equals(expected));
        assertThat(csv).isEqualTo(expected);
        assertThat(http.get("/api/v1/cycles/2024/glotip.csv?bom=true").body()).isEqualTo(GlotipCsv.BOM + expected);
        assertThat(http.get("/api/v1/cycles/2024/glotip.csv?bom=maybe").status()).isEqualTo(400);

        final Path exported = dir.resolve("glotip-2024.csv");
        final StringWriter err = new StringWriter();
        assertThat(ExportCommandAccess.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "glotip",
            "--edition", "2024", "--out", exported.toString(), "--url", app.httpUrl())).as(err.toString()).isZero();
        assertThat(Files.readString(exported, StandardCharsets.UTF_8)).isEqualTo(expected);

        // Regions: Africa = CIV 12 + NGA 69 victims in 2023; the area code has a column of its own.
        final String regions = http.get("/api/v1/cycles/2024/glotip-regions.csv").body();
        assertThat(regions).startsWith("M49_code,Area,Region,Subregion,").contains("\r\n002,Africa,Africa,,"
            + "Detected trafficking victims,Total,Total,Total,Total,2023,Counts,81,\"National authorities of 2 States"
            + " (CIV, NGA), summed by tip-monitor\"\r\n");
        // FRA's own total (100) against its parts (98 by sex, 95 by form) is reported with the cycle.
        assertThat(http.get("/api/v1/cycles/2024").json().path("statisticsMismatches").toString())
            .contains("FRA VICTIMS_DETECTED 2023").contains("add up to 98").contains("add up to 95");

        // NGA's standing cells: nga-2's 31 for F/A/sexual (a correction), nga-4's 13 for F/C/sexual (a late arrival
        // newer than nga-1), nga-1's others; nga-3 (after the cut-off) stands now for M/C/forced labour.
        final com.fasterxml.jackson.databind.JsonNode nga = http.get("/api/v1/countries/NGA/statistics").json();
        assertThat(nga.path("count").asInt()).isEqualTo(8);
        assertThat(nga.path("items").findValuesAsText("submissionId"))
            .containsExactlyInAnyOrder("nga-1", "nga-1", "nga-1", "nga-1", "nga-1", "nga-2", "nga-3", "nga-4");
        assertThat(http.get("/api/v1/countries/XYZ/statistics").status()).isEqualTo(404);

        final List<GlotipRow> topic = ApiTestCluster.await("tip.report.glotip to converge on the 2024 rows",
            StatisticsFeedIT::edition2024OnTheTopic, rows -> csvOf(rows).equals(expected));
        assertThat(csvOf(topic)).isEqualTo(expected);
    }

    /** tip.report.glotip read from the start to its end (committed records only), tombstones applied. */
    private static List<GlotipRow> edition2024OnTheTopic() {
        final Map<String, Object> config = new HashMap<>(cluster.clientConfig());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        final Map<String, GlotipRow> table = new LinkedHashMap<>();
        try (KafkaConsumer<String, GlotipRow> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
            cluster.serdes().value(GlotipRow.class).deserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(Topics.REPORT_GLOTIP.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (final ConsumerRecord<String, GlotipRow> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        table.remove(record.key());
                    } else {
                        table.put(record.key(), record.value());
                    }
                }
            }
        }
        final List<GlotipRow> rows = new ArrayList<>(table.values().stream()
            .filter(row -> row.getEdition() == 2024).toList());
        rows.sort(GlotipStatistics.ORDER);
        return rows;
    }

    private static String csvOf(final List<GlotipRow> rows) {
        final StringWriter out = new StringWriter();
        try {
            GlotipCsv.write(rows, out, GlotipCsv.Format.countries().withDisclosureThreshold(5));
        } catch (final IOException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
        return out.toString();
    }
}
